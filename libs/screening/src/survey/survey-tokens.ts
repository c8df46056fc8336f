import { Injectable } from '@nestjs/common';
import type { BindParameter } from '#org';
import { SurveyConfig } from './survey-config.js';
import { surveyToken, surveyTokenHash, surveyTokenHashSql } from './survey-token.js';

/** Survey tokens under the configured secret; the secret itself never leaves this class except as a bound SQL parameter. */
@Injectable()
export class SurveyTokens {
  readonly #secret: string;

  constructor(config: SurveyConfig) {
    // Read at construction, so a production server without a secret refuses to boot.
    this.#secret = config.tokenSecret();
  }

  tokenOf(invitationId: string): string {
    return surveyToken(this.#secret, invitationId);
  }

  hashOf(token: string): Buffer {
    return surveyTokenHash(token);
  }

  /** SQL: the token hash of the invitation whose id is `idSql`, binding the secret as a parameter. */
  hashSql(idSql: string, bind: BindParameter): string {
    return surveyTokenHashSql(idSql, bind(this.#secret));
  }
}
