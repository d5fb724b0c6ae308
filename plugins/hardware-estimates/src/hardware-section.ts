import type { SectionDefinition } from '@autodoc/core';
import { type HardwareSection, HardwareSectionSchema, type SweepJson } from './hardware-schema.js';

type Row = Record<string, unknown>;

const WIDTH = 420;

/** Long-form rows of a sweep: one row per point and series, null values left out. */
function seriesRows(sweep: SweepJson, series: readonly [keyof SweepJson['points'][number], string][]): Row[] {
  const rows: Row[] = [];
  for (const p of sweep.points) {
    for (const [field, label] of series) {
      const v = p[field];
      if (typeof v === 'number') rows.push({ x: p.value, series: label, y: v });
    }
  }
  return rows;
}

function lineChart(
  rows: Row[],
  xTitle: string,
  yTitle: string,
  yFormat: string,
  extraLayers: Record<string, unknown>[] = [],
): Record<string, unknown> | undefined {
  if (rows.length === 0) return undefined;
  const line = {
    mark: { type: 'line', point: true, tooltip: false },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle, scale: { type: 'log', base: 2 }, axis: { format: '~d' } },
      y: { field: 'y', type: 'quantitative', title: yTitle, axis: { format: yFormat } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
  return { data: { values: rows }, width: WIDTH, layer: [line, ...extraLayers] };
}

function section(s: unknown): HardwareSection | undefined {
  return s && typeof s === 'object' ? (s as HardwareSection) : undefined;
}

/** Latency (lower bound, expected, slow end) against the batch size. */
export function latencyVsBatch(s: unknown): Record<string, unknown> | undefined {
  const sweep = section(s)?.sweeps.batch;
  if (!sweep) return undefined;
  return lineChart(
    seriesRows(sweep, [
      ['lowerBoundMs', 'lower bound'],
      ['expectedMs', 'expected'],
      ['expectedHighMs', 'expected (slow end)'],
    ]),
    'batch size',
    'latency (ms)',
    '~r',
  );
}

/** Samples per second against the batch size. */
export function throughputVsBatch(s: unknown): Record<string, unknown> | undefined {
  const sweep = section(s)?.sweeps.batch;
  if (!sweep) return undefined;
  return lineChart(seriesRows(sweep, [['inferencesPerSec', 'expected']]), 'batch size', 'inferences / s', '~s');
}

/** VRAM needed against the batch size, with the device's capacity as a rule. */
export function vramVsBatch(s: unknown): Record<string, unknown> | undefined {
  const hw = section(s);
  const sweep = hw?.sweeps.batch;
  if (!hw || !sweep) return undefined;
  const capacity = hw.vram.capacityBytes;
  const rule =
    capacity === null
      ? []
      : [
          {
            data: { values: [{ capacity, label: 'capacity' }] },
            mark: { type: 'rule', strokeDash: [4, 4], color: '#c0392b' },
            encoding: { y: { field: 'capacity', type: 'quantitative' } },
          },
        ];
  return lineChart(seriesRows(sweep, [['vramBytes', 'VRAM needed']]), 'batch size', 'bytes', '~s', rule);
}

/** Expected latency against each swept dim (one panel per symbol). */
export function latencyVsDims(s: unknown): Record<string, unknown> | undefined {
  const dims = section(s)?.sweeps.dims ?? [];
  const rows = dims.flatMap((d) =>
    seriesRows(d, [
      ['lowerBoundMs', 'lower bound'],
      ['expectedMs', 'expected'],
    ]).map((r) => ({ ...r, symbol: d.symbol })),
  );
  if (rows.length === 0) return undefined;
  return {
    data: { values: rows },
    facet: { row: { field: 'symbol', type: 'nominal', title: null } },
    spec: {
      width: WIDTH,
      mark: { type: 'line', point: true, tooltip: false },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: 'value', scale: { type: 'log', base: 2 }, axis: { format: '~d' } },
        y: { field: 'y', type: 'quantitative', title: 'latency (ms)' },
        color: { field: 'series', type: 'nominal', title: null },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

/** The `hardware` report section: schema, headline, per-op table, sweeps as charts. */
export const hardwareSectionDefinition: SectionDefinition = {
  key: 'hardware',
  title: 'Hardware estimates',
  order: 450,
  schema: HardwareSectionSchema,
  views: [
    {
      kind: 'keyValue',
      fields: [
        { path: 'device.id', label: 'Device' },
        { path: 'precision.precision', label: 'Precision' },
        { path: 'batch.size', label: 'Batch', unit: 'count' },
        { path: 'gpuCount', label: 'GPUs per replica', unit: 'count' },
        { path: 'fits', label: 'Fits in memory' },
        { path: 'vramBytes', label: 'VRAM needed', unit: 'bytes' },
        { path: 'vram.capacityBytes', label: 'VRAM capacity', unit: 'bytes' },
        { path: 'latency.lowerBoundMs', label: 'Latency lower bound', unit: 'ms' },
        { path: 'latency.expectedMs', label: 'Latency expected', unit: 'ms' },
        { path: 'latency.boundBy', label: 'Bound by' },
        { path: 'throughput.inferencesPerSec', label: 'Inferences / s (expected)' },
        { path: 'arithmeticIntensity.model', label: 'Arithmetic intensity (FLOP/byte)' },
        { path: 'arithmeticIntensity.ridgePoint', label: 'Ridge point (FLOP/byte)' },
        { path: 'efficiency.compute', label: 'Compute efficiency assumed' },
        { path: 'efficiency.memory', label: 'Memory efficiency assumed' },
        { path: 'saturation.verdict', label: 'GPU saturation' },
        { path: 'bottleneck.summary', label: 'Bottleneck' },
      ],
    },
    {
      kind: 'table',
      title: 'Slowest ops (roofline at the assumed efficiencies)',
      rows: 'ops',
      columns: [
        { path: 'name', label: 'Node' },
        { path: 'opType', label: 'Op' },
        { path: 'flops', label: 'FLOPs', unit: 'flops' },
        { path: 'bytes', label: 'Bytes', unit: 'bytes' },
        { path: 'computeMs', label: 'Compute', unit: 'ms' },
        { path: 'memoryMs', label: 'Memory', unit: 'ms' },
        { path: 'bound', label: 'Bound' },
        { path: 'share', label: 'Share', unit: 'percent' },
      ],
    },
    {
      kind: 'table',
      title: 'Time by op type',
      rows: 'bottleneck.byOpType',
      limit: 15,
      columns: [
        { path: 'opType', label: 'Op' },
        { path: 'nodes', label: 'Nodes', unit: 'count' },
        { path: 'expectedMs', label: 'Expected', unit: 'ms' },
        { path: 'share', label: 'Share', unit: 'percent' },
        { path: 'bound', label: 'Bound' },
      ],
    },
    {
      kind: 'table',
      title: 'Cloud cost per 1M inferences',
      rows: 'cloud',
      columns: [
        { path: 'id', label: 'Instance' },
        { path: 'gpuCount', label: 'GPUs', unit: 'count' },
        { path: 'replicas', label: 'Replicas', unit: 'count' },
        { path: 'pricePerHourUsd', label: 'USD / h' },
        { path: 'inferencesPerSec', label: 'Inferences / s' },
        { path: 'costPer1MUsd', label: 'USD / 1M inferences' },
      ],
    },
    {
      kind: 'keyValue',
      title: 'Multi-GPU',
      fields: [
        { path: 'multiGpu.gpus', label: 'GPUs', unit: 'count' },
        { path: 'multiGpu.link.name', label: 'Link' },
        { path: 'multiGpu.tensorParallel.latencyMs', label: 'Tensor parallel latency', unit: 'ms' },
        { path: 'multiGpu.tensorParallel.commNvlinkMs', label: 'TP communication over NVLink', unit: 'ms' },
        { path: 'multiGpu.tensorParallel.commPcieMs', label: 'TP communication over PCIe', unit: 'ms' },
        { path: 'multiGpu.tensorParallel.perGpuVramBytes', label: 'TP VRAM per GPU', unit: 'bytes' },
        { path: 'multiGpu.pipelineParallel.latencyMs', label: 'Pipeline parallel latency', unit: 'ms' },
        { path: 'multiGpu.pipelineParallel.inferencesPerSec', label: 'Pipeline inferences / s' },
        { path: 'multiGpu.pipelineParallel.perGpuVramBytes', label: 'PP VRAM per GPU (largest stage)', unit: 'bytes' },
      ],
    },
    {
      kind: 'keyValue',
      title: 'System requirements',
      fields: [
        { path: 'requirements.target', label: 'Deployment target' },
        { path: 'requirements.minimum.id', label: 'Minimum' },
        { path: 'requirements.recommended.id', label: 'Recommended' },
        { path: 'requirements.optimal.id', label: 'Optimal' },
      ],
    },
    { kind: 'chart', title: 'Latency vs batch size', spec: latencyVsBatch },
    { kind: 'chart', title: 'Throughput vs batch size', spec: throughputVsBatch },
    { kind: 'chart', title: 'VRAM vs batch size', spec: vramVsBatch },
    { kind: 'chart', title: 'Latency vs swept dims', spec: latencyVsDims },
  ],
};
