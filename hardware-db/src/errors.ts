/**
 * Coded error for what a user can cause here (bad device definition, unknown id). It has the same shape
 * as the core's AutodocError ({code, message, hint}); the package does not import @autodoc/core yet
 * because the core has no public entry point. Swap this for AutodocError once it is exported.
 */
export class HardwareDbError extends Error {
  readonly code: 'DEVICE_INVALID' | 'DEVICE_NOT_FOUND';
  readonly hint: string;

  constructor(code: HardwareDbError['code'], message: string, hint: string) {
    super(message);
    this.name = 'AutodocError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): { code: string; message: string; hint: string } {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}
