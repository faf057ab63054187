import type { AccessChoice, ModuleAccess } from '../scopes';
import { RadioChoices } from './RadioChoices';

const ACCESS_ERROR_ID = 'access-error';

const CHOICES: readonly { value: AccessChoice; label: string }[] = [
  { value: '*:read', label: 'Read-only, all modules' },
  { value: '*:write', label: 'Read and write, all modules' },
  { value: 'modules', label: 'Only chosen modules' },
];

const MODULE_ACCESS: readonly { value: ModuleAccess; label: string }[] = [
  { value: 'none', label: 'No access' },
  { value: 'read', label: 'Read' },
  { value: 'write', label: 'Read and write' },
];

interface AccessFieldsetProps {
  choice: AccessChoice;
  onChoice: (choice: AccessChoice) => void;
  /** Null until GET /scopes has answered. */
  modules: readonly string[] | null;
  modulesError: string | null;
  onRetryModules: () => void;
  access: Readonly<Record<string, ModuleAccess>>;
  onAccess: (module: string, access: ModuleAccess) => void;
  error: string | null;
}

const ModuleSelects = (props: AccessFieldsetProps) => {
  if (props.modulesError !== null) {
    return (
      <div class="inline-error">
        <p role="alert">{props.modulesError}</p>
        <button type="button" onClick={props.onRetryModules}>
          Try again
        </button>
      </div>
    );
  }
  if (props.modules === null) return <p>Loading…</p>;
  if (props.modules.length === 0) return <p>There are no modules to choose from.</p>;
  return (
    <div class="module-grid">
      {props.modules.map((module) => (
        <div class="field module-field" key={module}>
          <label for={`module-${module}`}>{module}</label>
          <select
            id={`module-${module}`}
            value={props.access[module] ?? 'none'}
            aria-invalid={props.error !== null ? 'true' : undefined}
            aria-describedby={props.error !== null ? ACCESS_ERROR_ID : undefined}
            onChange={(e) => props.onAccess(module, e.currentTarget.value as ModuleAccess)}
          >
            {MODULE_ACCESS.map(({ value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
};

/** Which scopes the new token gets: least privilege first. */
export const AccessFieldset = (props: AccessFieldsetProps) => (
  <fieldset>
    <legend>Access</legend>
    <p class="help" id="access-help">
      Give the token only the access its program needs.
    </p>
    <RadioChoices name="access" choices={CHOICES} value={props.choice} onChoice={props.onChoice} />
    {props.choice === 'modules' && <ModuleSelects {...props} />}
    {props.error !== null && (
      <p class="field-error" id={ACCESS_ERROR_ID}>
        {props.error}
      </p>
    )}
  </fieldset>
);
