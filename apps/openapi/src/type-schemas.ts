import ts from 'typescript';

/** An OpenAPI 3.0 schema object (the part of it this generator writes). */
export interface Schema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: (string | number | boolean | null)[];
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  $ref?: string;
  description?: string;
}


/** Names the contract gives to plain strings (libs/core/src/contract): the format they document. */
const FORMAT_ALIASES: Record<string, string> = { Uuid: 'uuid', IsoDate: 'date', IsoDateTime: 'date-time' };
const CONTRACT_TYPES_FILE = /libs[\\/]core[\\/]src[\\/]contract[\\/]contract-types\.ts$/;
/** The one generic view: `Page<T>` becomes the `Page` schema with its items typed. */
const PAGE_TYPE = 'Page';

/**
 * Describes TypeScript types (the views controllers return) as OpenAPI schemas, the way the
 * compiler sees them: interfaces and named type aliases become components under their own name,
 * literal unions become enums, `Date` a `date-time` string, `T | null` a nullable T, and a
 * property declared as `Uuid` or `IsoDate` a string of that format.
 */
export class TypeSchemas {
  readonly components: Record<string, Schema> = {};
  /** Types it could not describe honestly (any, unknown, a function, two types of one name): the generator refuses the document. */
  readonly problems: string[] = [];
  private readonly componentOrigins = new Map<string, ts.Declaration>();

  constructor(private readonly checker: ts.TypeChecker) {}

  /** The schema of what a handler's promise resolves to; undefined for void (no body). */
  ofReturnType(type: ts.Type, where: string): Schema | undefined {
    const awaited = this.checker.getAwaitedType(type) ?? type;
    if (awaited.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return undefined;
    return this.of(awaited, where);
  }

  of(type: ts.Type, where: string): Schema {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return this.refuse(`${where}: \`${this.name(type)}\` says nothing; give it a type`);
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (type.isStringLiteral()) return { type: 'string', enum: [type.value] };
    if (type.isNumberLiteral()) return { type: 'number', enum: [type.value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [this.name(type) === 'true'] };
    if (f & ts.TypeFlags.Null) return { type: 'string', nullable: true, enum: [null] };
    if (type.isUnion()) return this.ofUnion(type, where);
    if (type.isIntersection()) return { allOf: type.types.map((t) => this.of(t, where)) };
    if (f & ts.TypeFlags.Object) return this.ofObject(type as ts.ObjectType, where);
    return this.refuse(`${where}: cannot describe \`${this.name(type)}\``);
  }

  private ofUnion(type: ts.UnionType, where: string): Schema {
    const nullable = type.types.some((t) => t.flags & ts.TypeFlags.Null);
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    let schema: Schema;
    if (members.length > 0 && members.every((t) => t.isStringLiteral())) {
      schema = this.namedEnum(type, { type: 'string', enum: members.map((t) => (t as ts.StringLiteralType).value).sort() });
    } else if (members.length > 0 && members.every((t) => t.isNumberLiteral())) {
      schema = { type: 'number', enum: members.map((t) => (t as ts.NumberLiteralType).value).sort((a, b) => a - b) };
    } else if (members.length > 0 && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) {
      schema = members.length === 2 ? { type: 'boolean' } : this.of(members[0], where);
    } else {
      const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      const others = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
      const schemas = others.map((t) => this.of(t, where));
      if (booleans.length === 2) schemas.push({ type: 'boolean' });
      else if (booleans.length === 1) schemas.push(this.of(booleans[0], where));
      schema = schemas.length === 1 ? schemas[0] : { anyOf: schemas };
    }
    return nullable ? withNull(schema) : schema;
  }

  /** A literal union with a name of its own (`type AlertStatus = 'open' | ...`) becomes a component. */
  private namedEnum(type: ts.UnionType, schema: Schema): Schema {
    const alias = type.aliasSymbol;
    const declaration = alias?.declarations?.[0];
    if (!alias || !declaration || type.types.some((t) => t.flags & ts.TypeFlags.Null)) return schema;
    return this.component(alias.getName(), declaration, () => schema);
  }

  private ofObject(type: ts.ObjectType, where: string): Schema {
    const symbolName = type.getSymbol()?.getName();
    if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
    if (symbolName === 'Buffer' || symbolName === 'Uint8Array') return { type: 'string', format: 'binary' };
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      const elements = this.checker.getTypeArguments(type as ts.TypeReference);
      const items = this.checker.isTupleType(type) ? { anyOf: elements.map((e) => this.of(e, where)) } : this.of(elements[0], where);
      return { type: 'array', items };
    }
    if (this.checker.getSignaturesOfType(type, ts.SignatureKind.Call).length > 0) {
      return this.refuse(`${where}: a function is not an answer`);
    }
    const page = this.pageOf(type, where);
    if (page) return page;
    const named = this.declaredName(type);
    if (named) return this.component(named.name, named.declaration, () => this.objectSchema(type, where));
    return this.objectSchema(type, where);
  }

  /** `Page<T>`: the one generic schema, with its items narrowed to T's. */
  private pageOf(type: ts.ObjectType, where: string): Schema | undefined {
    const alias = type.aliasSymbol?.getName();
    const reference = (type as ts.TypeReference).target?.getSymbol()?.getName();
    if (alias !== PAGE_TYPE && reference !== PAGE_TYPE && type.getSymbol()?.getName() !== PAGE_TYPE) return undefined;
    const items = this.checker.getPropertyOfType(type, 'items');
    const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    if (!items || !declaration) return undefined;
    const pageSchema = this.component(PAGE_TYPE, declaration, () => ({
      type: 'object',
      required: ['items', 'nextCursor'],
      properties: {
        items: { type: 'array', items: {} as Schema },
        nextCursor: { type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' },
      },
    }));
    const itemType = this.checker.getTypeOfSymbol(items);
    return { allOf: [pageSchema, { type: 'object', required: ['items'], properties: { items: this.of(itemType, `${where}.items`) } }] };
  }

  private objectSchema(type: ts.Type, where: string): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      if (property.flags & ts.SymbolFlags.Method) continue;
      const name = property.getName();
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = this.checker.getTypeOfSymbol(property);
      let schema = this.formatted(declaration, `${where}.${name}`) ?? this.of(propertyType, `${where}.${name}`);
      const description = ts.displayPartsToString(property.getDocumentationComment(this.checker)).trim();
      if (description) schema = schema.$ref ? { allOf: [schema], description } : { ...schema, description };
      properties[name] = schema;
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(name);
    }
    const schema: Schema = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    const index = this.checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    if (index) schema.additionalProperties = this.of(index.type, `${where}[key]`);
    else schema.additionalProperties = false;
    return schema;
  }

  /** A property declared with a format name (`id: Uuid`, `on: IsoDate | null`, `days: IsoDate[]`). */
  private formatted(declaration: ts.Declaration | undefined, where: string): Schema | undefined {
    const node = declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
    if (!node || !this.mentionsFormat(node)) return undefined;
    return this.ofNode(node, where);
  }

  private mentionsFormat(node: ts.TypeNode): boolean {
    if (ts.isTypeReferenceNode(node) && this.formatOf(node)) return true;
    return ts.forEachChild(node, (child) => (ts.isTypeNode(child) && this.mentionsFormat(child)) || undefined) ?? false;
  }

  private ofNode(node: ts.TypeNode, where: string): Schema {
    if (ts.isParenthesizedTypeNode(node)) return this.ofNode(node.type, where);
    if (ts.isTypeReferenceNode(node)) {
      const format = this.formatOf(node);
      if (format) return { type: 'string', format };
    }
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: this.ofNode(node.elementType, where) };
    if (ts.isUnionTypeNode(node)) {
      const isNull = (member: ts.TypeNode) => ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword;
      const members = node.types.filter((member) => !isNull(member) && member.kind !== ts.SyntaxKind.UndefinedKeyword);
      const schemas = members.map((member) => this.ofNode(member, where));
      const schema = schemas.length === 1 ? schemas[0] : { anyOf: schemas };
      return node.types.some(isNull) ? withNull(schema) : schema;
    }
    return this.of(this.checker.getTypeFromTypeNode(node), where);
  }

  private formatOf(node: ts.TypeReferenceNode): string | undefined {
    const symbol = this.checker.getSymbolAtLocation(node.typeName);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target?.declarations?.[0];
    if (!target || !declaration || !CONTRACT_TYPES_FILE.test(declaration.getSourceFile().fileName)) return undefined;
    return FORMAT_ALIASES[target.getName()];
  }

  /** The name an object type is declared under (an interface, a class, a type alias of an object literal). */
  private declaredName(type: ts.ObjectType): { name: string; declaration: ts.Declaration } | undefined {
    const alias = type.aliasSymbol;
    if (alias?.declarations?.[0] && !type.aliasTypeArguments?.length) return { name: alias.getName(), declaration: alias.declarations[0] };
    const symbol = type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return undefined;
    if (!(ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration))) return undefined;
    if ((type as ts.TypeReference).typeArguments?.length) return undefined;
    return { name: symbol.getName(), declaration };
  }

  private component(name: string, declaration: ts.Declaration, build: () => Schema): Schema {
    const ref = { $ref: `#/components/schemas/${name}` };
    const origin = this.componentOrigins.get(name);
    if (origin) {
      if (origin !== declaration) {
        return this.refuse(`Two answer types are both named ${name} (${locate(origin)} and ${locate(declaration)}); rename one`);
      }
      return ref;
    }
    this.componentOrigins.set(name, declaration);
    this.components[name] = {};
    this.components[name] = build();
    return ref;
  }

  private refuse(problem: string): Schema {
    this.problems.push(problem);
    return {};
  }

  private name(type: ts.Type): string {
    return this.checker.typeToString(type);
  }
}

/** `T | null`: `nullable` where the schema has a type, else an `allOf` wrapper that can carry it. */
function withNull(schema: Schema): Schema {
  if (schema.type && !schema.$ref) return { ...schema, nullable: true, ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };
  return { nullable: true, allOf: [schema] };
}

function locate(declaration: ts.Declaration): string {
  const file = declaration.getSourceFile();
  return `${file.fileName}:${file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1}`;
}
