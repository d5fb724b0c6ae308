/** @autodoc/plugin-patterns: block tree, architecture patterns and model family (section `architecture`). */
export { default } from './plugin.js';
export type { PatternsOptions } from './plugin.js';
export type { ArchitectureSection, Family, TransformerFacts } from './architecture-section.js';
export type { PatternDetector, PatternMatch } from './detectors/detector.js';
