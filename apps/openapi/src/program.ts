import path from 'node:path';
import ts from 'typescript';

/** The compiler's view of the server's sources, as `npm run build` compiles them. */
export function serverProgram(root: string): ts.Program {
  const configPath = path.join(root, 'apps/api/tsconfig.app.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath));
  return ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true, incremental: false } });
}
