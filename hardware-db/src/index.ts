export { defineDevice, validateDevice } from './define-device.js';
export { detectGpus, matchGpu, parseNvidiaSmi, NVIDIA_SMI_ARGS, NVIDIA_SMI_FIELDS } from './detect.js';
export type { DetectedGpu, DetectResult, RunCommand } from './detect.js';
export { DEVICES_DIR, listDevices, loadDevicesFrom } from './devices.js';
export { consistencyErrors, deviceSchema, schemaErrors } from './schema.js';
export { devicePool, filterDevices, getDevice, mergeDevices, requireDevice } from './select.js';
export type { DeviceFilter } from './select.js';
export { PRECISIONS } from './types.js';
export type { Device, DeviceInput, DeviceKind, Interconnect, Peak, PeakPair, Precision, SourceRef } from './types.js';
