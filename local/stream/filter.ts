import type { FilterPattern, FilterRule } from '../service-definition';

const matchesRule = (rule: FilterRule, value: unknown): boolean => {
  if (Array.isArray(value)) return value.some((item) => matchesRule(rule, item));
  if (typeof rule === 'object' && rule !== null) return typeof value === 'string' && value.startsWith(rule.prefix);
  return value === rule;
};

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;

/** Whether `record` matches the pattern: every field the pattern names holds a value one of its rules accepts. */
export const matchesPattern = (pattern: FilterPattern, record: unknown): boolean =>
  Object.entries(pattern).every(([name, rules]) =>
    Array.isArray(rules)
      ? rules.some((rule) => matchesRule(rule, field(record, name)))
      : matchesPattern(rules, field(record, name)),
  );

/** Lambda's event filtering: a record is delivered if it matches any pattern, or if there are none. */
export const passesFilters = (patterns: readonly FilterPattern[], record: unknown): boolean =>
  patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, record));
