/**
 * Minimised fuzzer findings, kept as regular generator entries so they are replayed forever.
 * Each entry names the campaign (seed, mutant index) that found it; `scripts/fuzz.mjs --minimise`
 * shrank it. Entries whose fix belongs to another package carry `knownFinding` until fixed.
 */
import { type HostileCase, report } from './types.js';
import { bytesCase } from './write.js';

const b64 = (s: string) => () => Buffer.from(s, 'base64');

export function findingCases(): HostileCase[] {
  return [
    // Seed 9, mutant #5225 (rich model, 2 tree mutations), 1226 → 59 bytes: a graph holding one
    // Constant whose value tensor has dims [-2].
    bytesCase('fuzz', 'fuzz-9-5225-constant-negative-dim', 'a Constant whose value tensor declares dims [-2]', report('DIM_NEGATIVE'), b64('OjkKNxITQ29uc3RhbnRfMF9vdXRwdXRfMCIIQ29uc3RhbnQqFgoFdmFsdWUqDQj+//////////8BEAE=')),
    // Seed 9, mutant #972 (GPT decoder, 4 tree mutations), 93,395 → 1,187 bytes.
    bytesCase('fuzz', 'fuzz-9-972-transformer-intermediate', 'a mutated GPT decoder block whose MLP width comes out negative', report(), b64('OqAJCi8SJS90cmFuc2Zvcm1lci9oLjAvYXR0bi9NYXRNdWxfb3V0cHV0XzAiBk1hdE11bApQCiUvdHJhbnNmb3JtZXIvaC4wL2F0dG4vTWF0TXVsX291dHB1dF8wEiIvdHJhbnNmb3JtZXIvaC4wL2F0dG4vRGl2X291dHB1dF8wIgNEaXYKcAodL3RyYW5zZm9ybWVyL1NsaWNlXzFfb3V0cHV0XzAKIi90cmFuc2Zvcm1lci9oLjAvYXR0bi9EaXZfb3V0cHV0XzASJC90cmFuc2Zvcm1lci9oLjAvYXR0bi9XaGVyZV9vdXRwdXRfMCIFV2hlcmUKVwokL3RyYW5zZm9ybWVyL2guMC9hdHRuL1doZXJlX291dHB1dF8wEiYvdHJhbnNmb3JtZXIvaC4wL2F0dG4vU29mdG1heF9vdXRwdXRfMCIHU29mdG1heAowCiYvdHJhbnNmb3JtZXIvaC4wL2F0dG4vU29mdG1heF9vdXRwdXRfMCIGTWF0TXVsCocBCjEvdHJhbnNmb3JtZXIvaC4wL2xuXzIvTGF5ZXJOb3JtYWxpemF0aW9uX291dHB1dF8wCh90cmFuc2Zvcm1lci5oLjAubWxwLmNfZmMud2VpZ2h0EikvdHJhbnNmb3JtZXIvaC4wL21scC9jX2ZjL01hdE11bF9vdXRwdXRfMCIGTWF0TXVsClgKKS90cmFuc2Zvcm1lci9oLjAvbWxwL2NfZmMvTWF0TXVsX291dHB1dF8wEiYvdHJhbnNmb3JtZXIvaC4wL21scC9jX2ZjL0FkZF9vdXRwdXRfMCIDQWRkClQKJi90cmFuc2Zvcm1lci9oLjAvbWxwL2NfZmMvQWRkX291dHB1dF8wEiUvdHJhbnNmb3JtZXIvaC4wL21scC9hY3QvQWRkX291dHB1dF8wIgNBZGQKVQolL3RyYW5zZm9ybWVyL2guMC9tbHAvYWN0L0FkZF9vdXRwdXRfMBInL3RyYW5zZm9ybWVyL2guMC9tbHAvYWN0L011bF8xX291dHB1dF8wIgNNdWwKLwonL3RyYW5zZm9ybWVyL2guMC9tbHAvYWN0L011bF8xX291dHB1dF8wIgRUYW5oClYKJi90cmFuc2Zvcm1lci9oLjAvbWxwL2NfZmMvQWRkX291dHB1dF8wEicvdHJhbnNmb3JtZXIvaC4wL21scC9hY3QvTXVsXzJfb3V0cHV0XzAiA011bApXCicvdHJhbnNmb3JtZXIvaC4wL21scC9hY3QvTXVsXzJfb3V0cHV0XzASJy90cmFuc2Zvcm1lci9oLjAvbWxwL2FjdC9NdWxfM19vdXRwdXRfMCIDTXVsClQKJy90cmFuc2Zvcm1lci9oLjAvbWxwL2FjdC9NdWxfM19vdXRwdXRfMAohdHJhbnNmb3JtZXIuaC4wLm1scC5jX3Byb2oud2VpZ2h0IgZNYXRNdWwqLAgQCICAgICAgIAQQh90cmFuc2Zvcm1lci5oLjAubWxwLmNfZmMud2VpZ2h0KicIIAgQQiF0cmFuc2Zvcm1lci5oLjAubWxwLmNfcHJvai53ZWlnaHQ=')),
  ];
}
