import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';

export interface DtoProperty {
  type: new () => object;
  /** `CreateCaseDto.reason` */
  key: string;
  property: string;
  validations: ValidationMetadata[];
}

/**
 * Every property of every class the app validates from requests (loaded classes; configuration
 * classes, read from the environment, are left out) that carries a validation named `name`.
 */
export function requestDtoProperties(name: string): DtoProperty[] {
  const byTarget = (getMetadataStorage() as unknown as { validationMetadatas: Map<object, ValidationMetadata[]> }).validationMetadatas;
  const found: DtoProperty[] = [];
  for (const [target, metadatas] of byTarget) {
    const type = target as new () => object;
    if (type.name.endsWith('Config')) continue;
    for (const property of new Set(metadatas.filter((m) => m.name === name).map((m) => m.propertyName))) {
      found.push({ type, key: `${type.name}.${property}`, property, validations: metadatas.filter((m) => m.propertyName === property) });
    }
  }
  return found;
}
