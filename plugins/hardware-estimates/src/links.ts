import type { Device } from '@autodoc/hardware-db';

/**
 * One-direction PCIe bandwidth per lane in bytes/s after line encoding (gen1–2: 8b/10b,
 * gen3+: 128b/130b): 2.5 GT/s × 0.8 / 8 = 0.25 GB/s … 32 GT/s × 128/130 / 8 = 3.938 GB/s.
 */
const PCIE_LANE_BYTES_PER_SEC: Readonly<Record<number, number>> = {
  1: 0.25e9,
  2: 0.5e9,
  3: (8e9 * 128) / 130 / 8,
  4: (16e9 * 128) / 130 / 8,
  5: (32e9 * 128) / 130 / 8,
  6: (64e9 * 242) / 256 / 8,
};

/** One-direction bandwidth of a `genN xM` PCIe link; null when the lane count is not given. */
export function pcieBandwidth(pcie: string | null | undefined): number | null {
  const m = /gen\s*(\d)\s*x\s*(\d+)/i.exec(pcie ?? '');
  if (!m) return null;
  const lane = PCIE_LANE_BYTES_PER_SEC[Number(m[1])];
  return lane === undefined ? null : lane * Number(m[2]);
}

/** A GPU-to-GPU link for collective communication. */
export interface Link {
  readonly kind: 'nvlink' | 'pcie' | 'other';
  readonly name: string;
  /** One direction, per GPU, bytes/s. */
  readonly bytesPerSec: number;
}

/**
 * The links a device offers. The database stores NVLink and vendor fabrics as the vendor quotes them:
 * the total of both directions per GPU (A100: 600 GB/s = 300 GB/s each way), so they are halved here;
 * a ring all-reduce sends and receives at the one-way rate at once.
 */
export function deviceLinks(device: Pick<Device, 'interconnect'>): { nvlink: Link | null; pcie: Link | null; other: Link | null } {
  const nv = device.interconnect.nvlink;
  const other = device.interconnect.other;
  const pcie = pcieBandwidth(device.interconnect.pcie);
  return {
    nvlink: nv ? { kind: 'nvlink', name: `NVLink ${nv.generation}`, bytesPerSec: nv.bandwidthBytesPerSec / 2 } : null,
    pcie: pcie === null ? null : { kind: 'pcie', name: `PCIe ${device.interconnect.pcie}`, bytesPerSec: pcie },
    other: other ? { kind: 'other', name: other.name, bytesPerSec: other.bandwidthBytesPerSec / 2 } : null,
  };
}

/** Ring all-reduce of `bytes` over `n` GPUs: 2(n−1)/n × bytes / link bandwidth (seconds). */
export function ringAllReduceS(bytes: number, n: number, bytesPerSec: number): number {
  return n <= 1 ? 0 : ((2 * (n - 1)) / n) * (bytes / bytesPerSec);
}

/** Ring all-gather of a tensor of `bytes` in total: (n−1)/n × bytes / link bandwidth (seconds). */
export function ringAllGatherS(bytes: number, n: number, bytesPerSec: number): number {
  return n <= 1 ? 0 : ((n - 1) / n) * (bytes / bytesPerSec);
}
