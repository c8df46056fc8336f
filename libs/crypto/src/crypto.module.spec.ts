import { Test } from '@nestjs/testing';
import { CryptoModule } from './crypto.module.js';
import { ENCRYPTED_COLUMNS, EncryptedColumns } from './encrypted-columns.js';
import { FieldCipher } from './field-cipher.js';
import { ReencryptionService } from './reencryption.service.js';

describe('CryptoModule', () => {
  it('provides a working cipher (the development key under test), the registry and the re-encryption', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CryptoModule] }).compile();
    const cipher = moduleRef.get(FieldCipher);
    const where = { table: 'case_notes', column: 'body', rowId: '1' };
    expect(cipher.activeKeyId).toBe('dev');
    expect(cipher.decrypt(cipher.encrypt('值班记录', where), where)).toBe('值班记录');
    expect(moduleRef.get(EncryptedColumns).all()).toEqual(ENCRYPTED_COLUMNS);
    expect(moduleRef.get(ReencryptionService)).toBeInstanceOf(ReencryptionService);
    await moduleRef.close();
  });
});
