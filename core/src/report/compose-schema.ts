import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { JsonSchema, SectionDefinition } from '../plugin/contributions.js';
import { coreProperties, coreRequired } from './base-schema.js';

/**
 * The report schema = the core keys + one property per registered section. Sections are optional in
 * the schema (a preset may leave an analysis out); unknown top-level keys are not allowed, so a
 * plugin cannot write a section it did not declare.
 */
export function composeReportSchema(sections: readonly SectionDefinition[]): JsonSchema {
  const properties: Record<string, unknown> = { ...coreProperties };
  for (const section of sections) {
    if (section.key in coreProperties) {
      throw new AutodocError('PLUGIN_SECTION_CONFLICT', `Section "${section.key}" collides with a core report key.`, 'Choose another section key.');
    }
    properties[section.key] = section.schema;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'ONNX Autodoc report',
    type: 'object',
    required: coreRequired,
    properties,
    additionalProperties: false,
  };
}
