#!/usr/bin/env node
/**
 * Peer: onnxruntime-node `InferenceSession.create(path)` (CPU; loads and optimises the model, no run).
 * Only used when the onnxruntime-node package resolves from the repository.
 */
import ort from 'onnxruntime-node';

const session = await ort.InferenceSession.create(process.argv[2]);
console.log(session.inputNames.length);
