import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { JsonSchema, SectionDefinition } from '../plugin/contributions.js';
import { coreProperties, coreRequired } from './base-schema.js';
import { cacheFile, markUsed, readCached, writeCached } from './cache-file.js';
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
  const schema = composedOnDisk(sections);
  cache.push({ sections: [...sections], schema });
  if (cache.length > 8) cache.shift();
  return schema;
}

const cache: { sections: SectionDefinition[]; schema: JsonSchema }[] = [];

/**
 * The composition, from the run-to-run cache when this build composed the same sections before.
 * Composing runs once per process, so its code is never optimised: ~35 ms of every run, against
 * ~1 ms to hash the sections and parse the cached result. The key is the sections' JSON and this
 * build of the core (its bundle module names the code by content hash); run from sources (tests),
 * nothing is cached.
 */
function composedOnDisk(sections: readonly SectionDefinition[]): JsonSchema {
  const build = coreBuild();
  const file = build && cacheFile(`schema-${createHash('sha256').update(build).update(JSON.stringify(sections.map((s) => [s.key, s.schema]))).digest('hex').slice(0, 24)}.json`);
  const cached = file && readCached(file);
  if (cached) {
    try {
      const schema = JSON.parse(cached) as JsonSchema;
      markUsed(file);
      return schema;
    } catch {
      // a damaged cache file: compose again and rewrite it
    }
  }
  const schema = compose(sections);
  if (file) writeCached(file, JSON.stringify(schema));
  return schema;
}

/** This module's bundle file (its text names the code's body by content hash), or undefined when run from sources. */
function coreBuild(): string | undefined {
  const file = fileURLToPath(import.meta.url);
  if (!file.endsWith('.js') || path.basename(path.dirname(file)) !== 'bundle') return undefined;
  return readCached(file);
}

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
