/**
 * The reflection model the text format printer and parser walk: for each message type, its
 * fields in field-number order with their `.proto` names (the names text format uses), the
 * camelCase property the generated static classes store them under, and how each value is kept
 * (Long for 64-bit integers, Uint8Array for bytes, plain objects for maps).
 *
 * Built from a protobufjs JSON descriptor (`pbjs -t json --keep-case`) plus a lookup of the
 * generated classes, so text and binary paths produce interchangeable message objects.
 */
import protobuf from 'protobufjs/light.js';
import { SavedModelError } from '../errors.js';

/** Scalar wire types as named in .proto files. */
export type ScalarKind =
  | 'double' | 'float'
  | 'int32' | 'uint32' | 'sint32' | 'fixed32' | 'sfixed32'
  | 'int64' | 'uint64' | 'sint64' | 'fixed64' | 'sfixed64'
  | 'bool' | 'string' | 'bytes';

/** A generated message class (static protobufjs code or a reflection-built constructor). */
export interface MessageClass {
  new (): object;
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
}

/** An enum: value names and numbers; `closed` (proto2) enums reject unknown numbers. */
export interface EnumInfo {
  readonly fullName: string;
  readonly byName: ReadonlyMap<string, number>;
  readonly byNumber: ReadonlyMap<number, string>;
  readonly closed: boolean;
}

/** One field of a message type. */
export interface FieldInfo {
  /** Name in the .proto file; the text format name (group fields use `textName`). */
  readonly name: string;
  /** Name printed in text: the field name, or the group's type name for groups. */
  readonly textName: string;
  readonly number: number;
  /** Property of the generated class holding the value. */
  readonly prop: string;
  readonly kind: 'scalar' | 'enum' | 'message';
  /** The scalar type for `kind === 'scalar'`. */
  readonly scalar: ScalarKind | undefined;
  /** The enum for `kind === 'enum'`. */
  readonly enumType: EnumInfo | undefined;
  /** Full name of the message type for `kind === 'message'`. */
  readonly messageTypeName: string | undefined;
  readonly repeated: boolean;
  /** Map fields: the synthesized entry type (fields `key` = 1, `value` = 2). */
  readonly mapEntry: MessageInfo | undefined;
  /** True when the field tracks presence (messages, oneof members, proto2 and proto3 `optional`). */
  readonly presence: boolean;
  /** Name of the containing oneof (not set for proto3 `optional`'s synthetic oneof). */
  readonly oneof: string | undefined;
}

/** One message type. */
export interface MessageInfo {
  readonly fullName: string;
  /** Fields sorted by field number. */
  readonly fields: readonly FieldInfo[];
  /** Fields in the order the .proto file declares them. */
  readonly declared: readonly FieldInfo[];
  /** Fields by the names text format accepts. */
  readonly byTextName: ReadonlyMap<string, FieldInfo>;
  /** Oneof name → its member fields, in declaration order. */
  readonly oneofs: ReadonlyMap<string, readonly FieldInfo[]>;
  /** True for google.protobuf.Any (printed and parsed expanded). */
  readonly isAny: boolean;
  /** True for synthesized map entry types. */
  readonly isMapEntry: boolean;
  /** A new empty message object of this type. */
  create(): Record<string, unknown>;
  /** The generated class, when there is one (map entries have none). */
  readonly cls: MessageClass | undefined;
}

/** Finds the generated class of a message type by its full name (e.g. `tensorflow.GraphDef`). */
export type ClassLookup = (fullName: string) => MessageClass | undefined;

/** A ClassLookup over namespace objects as exported by a protobufjs static module (`{ tensorflow, google }`). */
export function classesFromNamespaces(namespaces: Record<string, unknown>): ClassLookup {
  return (fullName) => {
    let node: unknown = namespaces;
    for (const part of fullName.split('.')) {
      if (node === null || (typeof node !== 'object' && typeof node !== 'function')) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'function' && typeof (node as Partial<MessageClass>).decode === 'function'
      ? (node as MessageClass)
      : undefined;
  };
}

const SCALARS = new Set<string>([
  'double', 'float', 'int32', 'uint32', 'sint32', 'fixed32', 'sfixed32',
  'int64', 'uint64', 'sint64', 'fixed64', 'sfixed64', 'bool', 'string', 'bytes',
]);

function camelCase(name: string): string {
  return name.slice(0, 1) + name.slice(1).replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The property a generated class uses for a field: camelCase, unless the class kept the .proto name. */
function propertyOf(cls: MessageClass | undefined, name: string): string {
  const camel = camelCase(name);
  if (cls && !(camel in cls.prototype) && name in cls.prototype) return name;
  return camel;
}

const ANY_NAME = 'google.protobuf.Any';

/** Text format reflection over one descriptor: message and enum types by full name, built lazily. */
export class TextSchema {
  private readonly root: protobuf.Root;
  private readonly classes: ClassLookup;
  private readonly messages = new Map<string, MessageInfo>();
  private readonly enums = new Map<string, EnumInfo>();

  private constructor(root: protobuf.Root, classes: ClassLookup) {
    this.root = root;
    this.classes = classes;
  }

  /** Builds the schema from a protobufjs JSON descriptor and a lookup of the generated classes. */
  static fromDescriptor(descriptor: protobuf.INamespace, classes: ClassLookup): TextSchema {
    const root = protobuf.Root.fromJSON(descriptor);
    root.resolveAll();
    return new TextSchema(root, classes);
  }

  /** The message type `fullName`, or undefined when the descriptor has no such message. */
  find(fullName: string): MessageInfo | undefined {
    const name = fullName.startsWith('.') ? fullName.slice(1) : fullName;
    const cached = this.messages.get(name);
    if (cached) return cached;
    let type: protobuf.Type;
    try {
      type = this.root.lookupType(name);
    } catch {
      return undefined;
    }
    if (type.fullName.slice(1) !== name) return undefined;
    return this.build(type);
  }

  /** The message type `fullName`; throws NOT_FOUND when the descriptor has no such message. */
  message(fullName: string): MessageInfo {
    const info = this.find(fullName);
    if (!info) throw new SavedModelError('NOT_FOUND', `text format: unknown message type "${fullName}"`);
    return info;
  }

  private build(type: protobuf.Type): MessageInfo {
    const fullName = type.fullName.slice(1);
    const cls = this.classes(fullName);
    const fields: FieldInfo[] = [];
    const declared: FieldInfo[] = [];
    const byTextName = new Map<string, FieldInfo>();
    const oneofs = new Map<string, FieldInfo[]>();
    const info: MessageInfo = {
      fullName,
      fields,
      declared,
      byTextName,
      oneofs,
      isAny: fullName === ANY_NAME,
      isMapEntry: false,
      cls,
      create: cls
        ? () => new cls() as Record<string, unknown>
        : () => {
            throw new SavedModelError('INTERNAL', `text format: no generated class for message type "${fullName}"`);
          },
    };
    // Register before building fields so recursive types resolve to the same object.
    this.messages.set(fullName, info);
    for (const field of type.fieldsArray) {
      const built = this.buildField(field, cls, fullName);
      declared.push(built);
      byTextName.set(built.name, built);
      if (built.textName !== built.name) byTextName.set(built.textName, built);
      if (built.oneof) {
        const members = oneofs.get(built.oneof) ?? [];
        members.push(built);
        oneofs.set(built.oneof, members);
      }
    }
    fields.push(...declared);
    fields.sort((a, b) => a.number - b.number);
    return info;
  }

  private buildField(field: protobuf.Field, cls: MessageClass | undefined, owner: string): FieldInfo {
    field.resolve();
    const resolved = field.resolvedType;
    const partOf = field.partOf;
    const synthetic = partOf !== null && partOf !== undefined && partOf.fieldsArray.length === 1 && partOf.name.startsWith('_')
      && field.options?.proto3_optional === true;
    const group = field.delimited;
    const base = {
      name: field.name,
      textName: group && resolved ? resolved.name : field.name,
      number: field.id,
      prop: propertyOf(cls, field.name),
      repeated: field.repeated && !field.map,
      presence: !field.map && !field.repeated && (resolved instanceof protobuf.Type || Boolean(field.hasPresence)),
      oneof: partOf && !synthetic ? partOf.name : undefined,
    };
    if (field.map) {
      const mapField = field as unknown as protobuf.MapField;
      const entry = this.mapEntry(owner, field.name, mapField.keyType, field.type, resolved);
      return { ...base, kind: 'message', scalar: undefined, enumType: undefined, messageTypeName: undefined, mapEntry: entry };
    }
    return { ...base, ...this.valueKind(field.type, resolved, owner, field.name), mapEntry: undefined };
  }

  private valueKind(
    typeName: string,
    resolved: protobuf.Type | protobuf.Enum | null,
    owner: string,
    fieldName: string,
  ): Pick<FieldInfo, 'kind' | 'scalar' | 'enumType' | 'messageTypeName'> {
    if (SCALARS.has(typeName) && !resolved) {
      return { kind: 'scalar', scalar: typeName as ScalarKind, enumType: undefined, messageTypeName: undefined };
    }
    if (resolved instanceof protobuf.Enum) {
      return { kind: 'enum', scalar: undefined, enumType: this.enumInfo(resolved), messageTypeName: undefined };
    }
    if (resolved instanceof protobuf.Type) {
      return { kind: 'message', scalar: undefined, enumType: undefined, messageTypeName: resolved.fullName.slice(1) };
    }
    throw new SavedModelError('INTERNAL', `text format: cannot resolve type "${typeName}" of ${owner}.${fieldName}`);
  }

  private mapEntry(
    owner: string,
    fieldName: string,
    keyType: string,
    valueType: string,
    resolved: protobuf.Type | protobuf.Enum | null,
  ): MessageInfo {
    const fullName = `${owner}.${fieldName}Entry`;
    const key: FieldInfo = {
      name: 'key', textName: 'key', number: 1, prop: 'key', repeated: false, presence: false, oneof: undefined,
      mapEntry: undefined, ...this.valueKind(keyType, null, owner, fieldName),
    };
    const valueKind = this.valueKind(valueType, resolved, owner, fieldName);
    const value: FieldInfo = {
      name: 'value', textName: 'value', number: 2, prop: 'value', repeated: false,
      presence: valueKind.kind === 'message', oneof: undefined, mapEntry: undefined, ...valueKind,
    };
    return {
      fullName,
      fields: [key, value],
      declared: [key, value],
      byTextName: new Map([['key', key], ['value', value]]),
      oneofs: new Map(),
      isAny: false,
      isMapEntry: true,
      cls: undefined,
      create: () => ({}),
    };
  }

  private enumInfo(e: protobuf.Enum): EnumInfo {
    const fullName = e.fullName.slice(1);
    const cached = this.enums.get(fullName);
    if (cached) return cached;
    const byName = new Map<string, number>();
    const byNumber = new Map<number, string>();
    for (const [name, number] of Object.entries(e.values)) {
      byName.set(name, number);
      // The first name declared for a number (allow_alias) is the one printed.
      if (!byNumber.has(number)) byNumber.set(number, name);
    }
    const features = (e as unknown as { _features?: { enum_type?: string } })._features;
    const info: EnumInfo = { fullName, byName, byNumber, closed: features?.enum_type === 'CLOSED' };
    this.enums.set(fullName, info);
    return info;
  }
}
