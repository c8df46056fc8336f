import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { AdministratorInputError, createAdministrator } from '#identity';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Password (input is visible; prefer ADMIN_PASSWORD or a pipe): ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/**
 * `create-admin --school-code demo [--school-name 名称] --username admin --display-name 名字`,
 * password from ADMIN_PASSWORD or the first line of standard input (never an argument, which
 * would end up in shell history and process lists).
 */
export async function createAdminCommand(dataSource: DataSource, args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      'school-code': { type: 'string' },
      'school-name': { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
    },
    strict: true,
  });
  const schoolCode = values['school-code'];
  const username = values.username;
  if (!schoolCode || !username) {
    throw new AdministratorInputError('Give at least --school-code and --username (and --school-name for a new school).');
  }
  const password = process.env.ADMIN_PASSWORD ?? (await readStdin());
  const result = await createAdministrator(dataSource, {
    schoolCode,
    schoolName: values['school-name'],
    username,
    displayName: values['display-name'] ?? username,
    password,
  });
  return `Created administrator "${username}"${result.createdSchool ? ` and school "${schoolCode}"` : ''} (user id ${result.userId}).`;
}
