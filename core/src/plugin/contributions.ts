import type { Report } from '../report/report-types.js';

/** A JSON Schema object (TypeBox schemas are plain JSON Schema objects too). */
export type JsonSchema = object;

/** Rendering hints of a section: formats show a section through these, without knowing the plugin. */
export type SectionView =
  | { readonly kind: 'keyValue'; readonly title?: string; readonly fields: readonly { readonly path: string; readonly label: string; readonly unit?: 'bytes' | 'count' | 'flops' | 'macs' | 'ms' | 'percent' }[] }
  | { readonly kind: 'table'; readonly title?: string; readonly rows: string; readonly columns: readonly { readonly path: string; readonly label: string; readonly unit?: 'bytes' | 'count' | 'flops' | 'macs' | 'ms' | 'percent' }[]; readonly limit?: number }
  | { readonly kind: 'chart'; readonly title: string; readonly spec: (section: unknown, report: Report) => Record<string, unknown> | undefined };

/** One top-level key of the report, owned by the plugin that declares it. */
export interface SectionDefinition {
  readonly key: string;
  readonly title: string;
  /** JSON Schema of the section's value; composed into the report schema. */
  readonly schema: JsonSchema;
  readonly views?: readonly SectionView[];
  /** Sort order in formats (lower first); defaults to 500. */
  readonly order?: number;
}

export interface FormatRenderContext {
  /** This format's validated options. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly sections: readonly SectionDefinition[];
  /** A named template, user overrides first (mustache formats). */
  template(name: string): string | undefined;
  /** Renders the same report in another format (PDF prints the HTML). */
  renderFormat(id: string): Promise<string | Uint8Array>;
}

/** An output format: a pure function of the frozen, schema-valid report. It never sees the graph. */
export interface FormatDefinition {
  readonly id: string;
  readonly extension: string;
  readonly description: string;
  readonly aliases?: readonly string[];
  readonly optionsSchema?: JsonSchema;
  readonly templates?: Readonly<Record<string, string>>;
  render(report: Report, ctx: FormatRenderContext): string | Uint8Array | Promise<string | Uint8Array>;
}

/** A converter turns a framework's file into an ONNX file (through the load hook). */
export interface ConverterDefinition {
  readonly id: string;
  readonly description: string;
  /** File extensions it claims, e.g. ['.pt', '.pth']. */
  readonly extensions: readonly string[];
}
