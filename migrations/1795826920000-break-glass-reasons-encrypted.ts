import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FieldCipher, keyRingOf, loadCryptoConfig } from '#crypto';

const BATCH = 500;
const binding = (id: string) => ({ table: 'break_glass_grants', column: 'reason', rowId: id });

/**
 * Break-glass reasons say why someone needed a child's records, so they are encrypted at rest like
 * other clinical text from now on. The reasons stored so far are encrypted here, under the field
 * keys of the environment the migration runs in (the same ones the server reads): the database
 * never holds the key, so SQL alone cannot do it. `down` decrypts them again. A database without
 * grants needs no key. The audit entries of earlier grants keep their copy of the reason: the
 * trail is append-only and chained, and is read by administrators only.
 */
export class BreakGlassReasonsEncrypted1795826920000 implements MigrationInterface {
  name = 'BreakGlassReasonsEncrypted1795826920000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.rewriteReasons(queryRunner, (cipher, id, reason) => cipher.encrypt(reason, binding(id)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.rewriteReasons(queryRunner, (cipher, id, reason) => cipher.decrypt(reason, binding(id)));
  }

  /** Walks the grants in id order, batch by batch, inside the migration's transaction. */
  private async rewriteReasons(queryRunner: QueryRunner, rewrite: (cipher: FieldCipher, id: string, reason: string) => string): Promise<void> {
    let cipher: FieldCipher | undefined;
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; reason: string }[] = await queryRunner.query(
        `SELECT id::text AS id, reason FROM "break_glass_grants" WHERE id > $1::uuid ORDER BY id LIMIT ${BATCH}`,
        [afterId],
      );
      if (rows.length === 0) return;
      cipher ??= new FieldCipher(keyRingOf(loadCryptoConfig(process.env)));
      const reasons = rows.map((row) => rewrite(cipher!, row.id, row.reason));
      await queryRunner.query(
        `UPDATE "break_glass_grants" g SET reason = v.reason FROM unnest($1::uuid[], $2::text[]) AS v(id, reason) WHERE g.id = v.id`,
        [rows.map((row) => row.id), reasons],
      );
      afterId = rows[rows.length - 1].id;
    }
  }
}
