import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { ApiError, errorMessage } from '../errors';
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH } from '../token-fields';
import { DEFAULT_EXPIRY, expiresAtOf, expiryFor, type ExpiryChoice } from '../expiry';
import { modulesOf, scopesFor, type AccessChoice, type ModuleAccess } from '../scopes';
import type { CreatedToken } from '../../../lib/contract';
import { AccessFieldset } from './AccessFieldset';
import { ExpirationFieldset } from './ExpirationFieldset';
import { Modal } from './Modal';
import { TextField } from './TextField';
import { FormActions } from './FormActions';

const NAME_ID = 'token-name';
const DESCRIPTION_ID = 'token-description';

interface GenerateFormProps {
  api: ApiClient;
  onCancel: () => void;
  onCreated: (token: CreatedToken) => void;
  /** The API refused because of the token limit: the page's count is out of date. */
  onLimitReached: () => void;
}

interface FieldErrors {
  name: string | null;
  access: string | null;
  expiry: string | null;
}

const NO_ERRORS: FieldErrors = { name: null, access: null, expiry: null };

const useModules = (api: ApiClient) => {
  const [modules, setModules] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    api.listScopes().then(
      (scopes) => setModules(modulesOf(scopes)),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api]);
  useEffect(load, [load]);
  return { modules, error, reload: load };
};

/** The dialog that asks for a new token's name, access and expiry, and creates it. */
export const GenerateForm = ({ api, onCancel, onCreated, onLimitReached }: GenerateFormProps) => {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [access, setAccess] = useState<AccessChoice>('*:read');
  const [moduleAccess, setModuleAccess] = useState<Record<string, ModuleAccess>>({});
  const [expiry, setExpiry] = useState<ExpiryChoice>(DEFAULT_EXPIRY);
  const [customDate, setCustomDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [apiError, setApiError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [invalidAttempts, setInvalidAttempts] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const modules = useModules(api);

  // Once the messages are shown, so that the first one is read out with its field.
  useEffect(() => {
    if (invalidAttempts > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [invalidAttempts]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    const scopes = scopesFor(access, moduleAccess);
    const expires = expiryFor(expiry, customDate, new Date());
    const found: FieldErrors = {
      name: name.trim() === '' ? 'Enter a name for the token.' : null,
      access: scopes.length === 0 ? 'Choose at least one module.' : null,
      expiry: expires.kind === 'invalid' ? expires.message : null,
    };
    setErrors(found);
    setApiError(null);
    if (found.name !== null || found.access !== null || expires.kind === 'invalid') {
      setInvalidAttempts((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      const purpose = description.trim();
      onCreated(
        await api.createToken({
          name: name.trim(),
          scopes,
          expiresAt: expiresAtOf(expires),
          ...(purpose === '' ? {} : { description: purpose }),
        }),
      );
    } catch (e) {
      setSubmitting(false);
      setApiError(errorMessage(e));
      if (e instanceof ApiError && e.code === 'token_limit_reached') onLimitReached();
    }
  };

  return (
    <Modal labelledBy="generate-title" onClose={onCancel}>
      <form ref={form} class="dialog-body" onSubmit={submit} noValidate>
        <h2 id="generate-title">Generate New Token</h2>
        <TextField
          id={NAME_ID}
          label="Token name"
          value={name}
          onInput={(value) => {
            setName(value);
            setErrors((old) => ({ ...old, name: null }));
          }}
          maxLength={NAME_MAX_LENGTH}
          required
          error={errors.name}
          help="e.g. Zapier Integration, Mailchimp sync, Nightly import script"
        />
        <TextField
          id={DESCRIPTION_ID}
          label="Description (optional)"
          value={description}
          onInput={setDescription}
          maxLength={DESCRIPTION_MAX_LENGTH}
          help="What it is for and who looks after it, e.g. Billing team's nightly export"
        />
        <AccessFieldset
          choice={access}
          onChoice={(choice) => {
            setAccess(choice);
            setErrors((old) => ({ ...old, access: null }));
          }}
          modules={modules.modules}
          modulesError={modules.error}
          onRetryModules={modules.reload}
          access={moduleAccess}
          onAccess={(module, value) => {
            setModuleAccess((old) => ({ ...old, [module]: value }));
            setErrors((old) => ({ ...old, access: null }));
          }}
          error={errors.access}
        />
        <ExpirationFieldset
          choice={expiry}
          onChoice={(choice) => {
            setExpiry(choice);
            setErrors((old) => ({ ...old, expiry: null }));
          }}
          customDate={customDate}
          onCustomDate={(date) => {
            setCustomDate(date);
            setErrors((old) => ({ ...old, expiry: null }));
          }}
          error={errors.expiry}
          now={new Date()}
        />
        <FormActions error={apiError} submit="Generate token" busy={submitting} onCancel={onCancel} />
      </form>
    </Modal>
  );
};
