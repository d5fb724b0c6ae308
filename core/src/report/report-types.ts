import type { Static } from 'typebox';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { coreProperties } from './base-schema.js';
import type { LayerJson, TensorJson } from './schema-parts.js';

export type TensorJsonValue = Static<typeof TensorJson>;
export type LayerRow = Static<typeof LayerJson>;
type Core = { [K in keyof typeof coreProperties]: Static<(typeof coreProperties)[K]> };

/**
 * The finished report: the core keys plus one key per section. Frozen and schema-valid by the time
 * a format sees it. Section values are typed by their plugins (`report.cost as CostSection`).
 */
export type Report = Readonly<Omit<Core, 'diagnostics'>> & { readonly diagnostics: readonly Diagnostic[] } & { readonly [section: string]: unknown };

/** The report while plugins are still writing it. */
export type ReportDraft = Record<string, unknown>;
