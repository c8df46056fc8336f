import ts from 'typescript';

/**
 * A compiler program over in-memory files (plus the real lib files), for the generator's unit
 * tests: each test states the sources it describes.
 */
export function virtualProgram(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) =>
    name in files ? ts.createSourceFile(name, files[name], language, true) : read(name, language);
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
  host.directoryExists = (dir) => Object.keys(files).some((name) => name.startsWith(`${dir.replace(/\/$/, '')}/`)) || ts.sys.directoryExists(dir);
  return ts.createProgram(Object.keys(files), options, host);
}
