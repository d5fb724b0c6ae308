import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { JsonSchema, SectionDefinition } from '../plugin/contributions.js';
import { coreProperties, coreRequired } from './base-schema.js';
import { hoistSharedSubschemas } from './hoist-shared.js';
import { simplifyUnions } from './simplify-unions.js';

/**
 * The report schema = the core keys + one property per registered section. Sections are optional in
 * the schema (a preset may leave an analysis out); unknown top-level keys are not allowed, so a
 * plugin cannot write a section it did not declare.
 */
export function composeReportSchema(sections: readonly SectionDefinition[]): JsonSchema {
  // Same sections (same schema objects) → same composed object, so the compiled validator is reused
  // across runs: compiling the report schema costs far more than analysing a small model.
  const hit = cache.find((c) => c.sections.length === sections.length && c.sections.every((s, i) => s.key === sections[i].key && s.schema === sections[i].schema));
  if (hit) return hit.schema;
  const schema = compose(sections);
  cache.push({ sections: [...sections], schema });
  if (cache.length > 8) cache.shift();
  return schema;
}

const cache: { sections: SectionDefinition[]; schema: JsonSchema }[] = [];

function compose(sections: readonly SectionDefinition[]): JsonSchema {
  const properties: Record<string, unknown> = { ...coreProperties };
  for (const section of sections) {
    if (section.key in coreProperties) {
      throw new AutodocError('PLUGIN_SECTION_CONFLICT', `Section "${section.key}" collides with a core report key.`, 'Choose another section key.');
    }
    properties[section.key] = section.schema;
  }
  return hoistSharedSubschemas(
    simplifyUnions({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'ONNX Autodoc report',
      type: 'object',
      required: coreRequired,
      properties,
      additionalProperties: false,
    }),
  );
}
