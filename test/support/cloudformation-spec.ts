import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { PropertyType, Resource, ResourceProperties, SpecDatabase } from '@aws-cdk/service-spec-types';

/** A CloudFormation template as `serverless package` writes it, seen as plain JSON. */
export interface CloudFormationTemplate {
  Resources: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
}

const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Condition',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

let loaded: SpecDatabase | undefined;
/** The CDK's database of CloudFormation resource types (about 1.5 s to load, so once per test file). */
const spec = (): SpecDatabase => {
  loaded ??= loadAwsServiceSpecSync();
  return loaded;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ Ref: ... }` or `{ 'Fn::...': ... }`: its name, or undefined for any other value. */
const intrinsicName = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const [key] = keys;
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::')) ? key : undefined;
};

const isCustom = (type: string): boolean =>
  type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';

type Kind = 'object' | 'array' | 'scalar' | 'any';
const kindOfValue = (value: unknown): Kind => (Array.isArray(value) ? 'array' : isRecord(value) ? 'object' : 'scalar');
const kindOfType = (type: PropertyType): Kind => {
  switch (type.type) {
    case 'ref':
    case 'map':
    case 'tag':
      return 'object';
    case 'array':
      return 'array';
    case 'json':
    case 'union':
      return 'any';
    default:
      return 'scalar';
  }
};

const scalarProblem = (value: unknown, type: PropertyType): string | undefined => {
  const text = typeof value === 'string' ? value : undefined;
  switch (type.type) {
    case 'boolean':
      return typeof value === 'boolean' || text === 'true' || text === 'false' ? undefined : 'a boolean';
    case 'integer':
    case 'number':
      return typeof value === 'number' || (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)))
        ? undefined
        : 'a number';
    default:
      return ['string', 'number', 'boolean'].includes(typeof value) ? undefined : `a ${type.type}`;
  }
};

/**
 * Checks templates against the CloudFormation resource specification that the AWS CDK ships
 * (`@aws-cdk/aws-service-spec`): what CloudFormation would otherwise refuse only at deploy time.
 */
class TemplateChecker {
  readonly problems: string[] = [];

  constructor(
    private readonly db: SpecDatabase,
    private readonly template: CloudFormationTemplate,
  ) {}

  private resourceType(logicalId: string): string | undefined {
    const resource = this.template.Resources[logicalId];
    return isRecord(resource) && typeof resource.Type === 'string' ? resource.Type : undefined;
  }

  private specOf(type: string): Resource | undefined {
    return this.db.lookup('resource', 'cloudFormationType', 'equals', type)[0];
  }

  checkResource(logicalId: string, resource: unknown): void {
    const path = `Resources.${logicalId}`;
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      this.problems.push(`${path}: no Type`);
      return;
    }
    for (const key of Object.keys(resource)) {
      if (!RESOURCE_KEYS.has(key)) this.problems.push(`${path}.${key}: not a resource attribute`);
    }
    for (const dependency of [resource.DependsOn ?? []].flat()) {
      if (this.resourceType(String(dependency)) === undefined) {
        this.problems.push(`${path}.DependsOn: no resource ${String(dependency)}`);
      }
    }
    const properties = resource.Properties ?? {};
    if (isCustom(resource.Type)) {
      this.walkIntrinsics(properties, `${path}.Properties`);
      return;
    }
    const found = this.specOf(resource.Type);
    if (found === undefined) {
      this.problems.push(`${path}: unknown resource type ${resource.Type}`);
      return;
    }
    this.checkObject(properties, found.properties, `${path}.Properties`);
  }

  private checkObject(value: unknown, properties: ResourceProperties, path: string): void {
    if (!isRecord(value)) {
      this.problems.push(`${path}: expected an object`);
      return;
    }
    for (const [name, property] of Object.entries(properties)) {
      if (property.required === true && !(name in value)) this.problems.push(`${path}.${name}: required, missing`);
    }
    for (const [name, child] of Object.entries(value)) {
      const property = properties[name];
      if (property === undefined) this.problems.push(`${path}.${name}: no such property`);
      else this.checkValue(child, property.type, `${path}.${name}`);
    }
  }

  private checkValue(value: unknown, type: PropertyType, path: string): void {
    if (intrinsicName(value) !== undefined) {
      this.walkIntrinsics(value, path);
      return;
    }
    const expected = kindOfType(type);
    if (expected !== 'any' && expected !== kindOfValue(value)) {
      this.problems.push(`${path}: expected ${expected === 'scalar' ? `a ${type.type}` : `an ${expected}`}`);
      return;
    }
    switch (type.type) {
      case 'ref':
        this.checkObject(value, this.db.get('typeDefinition', type.reference).properties, path);
        return;
      case 'array':
        (value as unknown[]).forEach((element, i) => this.checkValue(element, type.element, `${path}[${i}]`));
        return;
      case 'map':
        for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
          this.checkValue(element, type.element, `${path}.${key}`);
        }
        return;
      case 'tag':
        this.checkObject(value, TAG_PROPERTIES, path);
        return;
      case 'union':
        this.checkUnion(value, type.types, path);
        return;
      case 'json':
        this.walkIntrinsics(value, path);
        return;
      default: {
        const problem = scalarProblem(value, type);
        if (problem !== undefined) this.problems.push(`${path}: expected ${problem}`);
      }
    }
  }

  // The spec keeps `json` beside a typed alternative where a property was once loosely typed; a value
  // of the typed alternative's shape is held to it, so that a misspelt nested name cannot hide behind json.
  private checkUnion(value: unknown, types: PropertyType[], path: string): void {
    const typed = types.filter((type) => kindOfType(type) === kindOfValue(value));
    if (typed.length === 0) {
      if (types.some((type) => type.type === 'json')) this.walkIntrinsics(value, path);
      else this.problems.push(`${path}: matches none of ${types.map((type) => type.type).join(', ')}`);
      return;
    }
    const attempts = typed.map((type) => {
      const checker = new TemplateChecker(this.db, this.template);
      checker.checkValue(value, type, path);
      return checker.problems;
    });
    if (attempts.some((problems) => problems.length === 0)) return;
    this.problems.push(...attempts.reduce((fewest, problems) => (problems.length < fewest.length ? problems : fewest)));
  }

  private checkRef(name: string, path: string): void {
    if (PSEUDO_PARAMETERS.has(name) || name in (this.template.Parameters ?? {})) return;
    if (this.resourceType(name) === undefined) this.problems.push(`${path}: Ref to no resource ${name}`);
  }

  private checkGetAtt(logicalId: string, attribute: string, path: string): void {
    const type = this.resourceType(logicalId);
    if (type === undefined) {
      this.problems.push(`${path}: Fn::GetAtt of no resource ${logicalId}`);
      return;
    }
    const found = isCustom(type) ? undefined : this.specOf(type);
    // Custom resources answer any attribute; an unknown type is reported as such.
    if (found === undefined) return;
    const attributes = found.attributes;
    if (!(attribute in attributes)) {
      this.problems.push(`${path}: ${type} has no attribute ${attribute} (${Object.keys(attributes).join(', ')})`);
    }
  }

  /** Every `${Name}` and `${Name.Attribute}` of an Fn::Sub string, other than the ones `variables` define. */
  private checkSub(text: string, variables: Record<string, unknown>, path: string): void {
    for (const [, reference = ''] of text.matchAll(/\$\{(?!!)([^}]+)\}/g)) {
      if (reference in variables) continue;
      const dot = reference.indexOf('.');
      if (dot === -1 || reference.startsWith('AWS::')) this.checkRef(reference, path);
      else this.checkGetAtt(reference.slice(0, dot), reference.slice(dot + 1), path);
    }
  }

  /** Checks the references of every intrinsic function within `value`. */
  walkIntrinsics(value: unknown, path: string): void {
    const name = intrinsicName(value);
    if (name === undefined) {
      if (Array.isArray(value)) value.forEach((element, i) => this.walkIntrinsics(element, `${path}[${i}]`));
      else if (isRecord(value)) {
        for (const [key, child] of Object.entries(value)) this.walkIntrinsics(child, `${path}.${key}`);
      }
      return;
    }
    const argument = (value as Record<string, unknown>)[name];
    const at = `${path}.${name}`;
    if (name === 'Ref') {
      this.checkRef(String(argument), at);
    } else if (name === 'Fn::GetAtt') {
      const [logicalId, ...attribute] = typeof argument === 'string' ? argument.split('.') : (argument as unknown[]);
      this.checkGetAtt(String(logicalId), attribute.join('.'), at);
    } else if (name === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
      this.checkSub(String(text), isRecord(variables) ? variables : {}, at);
      this.walkIntrinsics(variables, at);
    } else {
      this.walkIntrinsics(argument, at);
    }
  }
}

const TAG_PROPERTIES: ResourceProperties = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

/**
 * Where `template` departs from AWS's CloudFormation resource specification, one line each with its path:
 * unknown resource types, property names at every level that the type does not have, required properties
 * left out, values of the wrong shape, and `Ref`, `Fn::GetAtt` and `Fn::Sub` references to resources or
 * attributes that do not exist. An empty list: nothing found.
 *
 * @example expect(specProblems(await packageService(ROOT, 'prod', env))).toEqual([]);
 */
export const specProblems = (template: CloudFormationTemplate): string[] => {
  const checker = new TemplateChecker(spec(), template);
  for (const [logicalId, resource] of Object.entries(template.Resources)) checker.checkResource(logicalId, resource);
  checker.walkIntrinsics(template.Outputs ?? {}, 'Outputs');
  return checker.problems;
};
