/**
 * The largest tensor rank the analysis follows. ONNX sets no limit, real models stay below ~10, and
 * runtimes reject far less than this; a hostile file can declare a rank of 70,000 (whose element
 * count is a 140,000-digit number: multiplying and printing it took minutes) or a shape-input length
 * of 2^40. Beyond it a shape is treated as unknown, with a warning, never guessed.
 */
export const MAX_RANK = 1024;
