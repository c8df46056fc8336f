import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** OWASP's minimum for argon2id (m=19 MiB, t=2, p=1); the parameters travel in each hash. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

@Injectable()
export class PasswordHasher {
  /** Verified against when the user name is unknown, so both answers take the same time. */
  private readonly decoy = argon2.hash('decoy password that matches nothing', ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  async burnTime(password: string): Promise<void> {
    await this.verify(await this.decoy, password);
  }
}
