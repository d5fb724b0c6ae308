export * from './chain.js';
export * from './gpt-decoder.js';
export * from './tiny-cnn.js';
export * from './transformer-encoder.js';
