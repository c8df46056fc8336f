import { Global, Module } from '@nestjs/common';
import { configProvider, ResponseSealer } from '#core';
import { CryptoConfig, keyRingOf } from './crypto-config.js';
import { ENCRYPTED_COLUMNS, EncryptedColumns } from './encrypted-columns.js';
import { FieldCipherSealer } from './field-cipher-sealer.js';
import { FieldCipher } from './field-cipher.js';
import { ReencryptionService } from './reencryption.service.js';

/** Field encryption for every module: inject FieldCipher to encrypt and decrypt clinical text. */
@Global()
@Module({
  providers: [
    configProvider(CryptoConfig),
    { provide: FieldCipher, inject: [CryptoConfig], useFactory: (config: CryptoConfig) => new FieldCipher(keyRingOf(config)) },
    { provide: EncryptedColumns, useFactory: () => new EncryptedColumns(ENCRYPTED_COLUMNS) },
    ReencryptionService,
    { provide: ResponseSealer, inject: [FieldCipher], useFactory: (cipher: FieldCipher) => new FieldCipherSealer(cipher) },
  ],
  exports: [FieldCipher, EncryptedColumns, ReencryptionService, ResponseSealer],
})
export class CryptoModule {}
