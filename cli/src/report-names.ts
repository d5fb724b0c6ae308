import path from 'node:path';

/** A model's report files are `<base>.json`, `<base>.html`, …: its file name without the extension. */
export function reportBaseName(modelPath: string): string {
  return path.basename(modelPath).replace(/\.[^.]+$/, '') || 'report';
}

/**
 * The base name of each model's reports when one run analyses several. Two models of one file name
 * (`a/model.onnx`, `b/model.onnx`) would overwrite each other's reports, so each later one gets the
 * first free `-2`, `-3`, … (the first keeps its name). A suffixed name never takes another model's own
 * name, and names compare without case, as on the file systems of macOS and Windows.
 */
export function reportBaseNames(modelPaths: readonly string[]): string[] {
  const own = modelPaths.map(reportBaseName);
  const owned = new Set(own.map((name) => name.toLowerCase()));
  const taken = new Set<string>();
  return own.map((base) => {
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()) || (name !== base && owned.has(name.toLowerCase())); k++) name = `${base}-${k}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
