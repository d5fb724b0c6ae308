/**
 * Coded error for what a user can cause here (bad device definition, unknown id). It has the same shape
 * as the core's AutodocError ({code, message, hint}) and the same name, which is what the CLI reads.
 * The package imports the core now (its cached validators); replacing this class with AutodocError
 * is left to a change of its own.
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
