import { dateInputValue, EXPIRY_CHOICES, expiryFor, type ExpiryChoice } from '../expiry';
import { formatDate } from '../format';
import { RadioChoices } from './RadioChoices';

const EXPIRY_DATE_ID = 'expiry-date';
const EXPIRY_ERROR_ID = 'expiry-error';

interface ExpirationFieldsetProps {
  choice: ExpiryChoice;
  onChoice: (choice: ExpiryChoice) => void;
  customDate: string;
  onCustomDate: (date: string) => void;
  error: string | null;
  now: Date;
}

const Summary = ({ choice, customDate, now }: Pick<ExpirationFieldsetProps, 'choice' | 'customDate' | 'now'>) => {
  const expiry = expiryFor(choice, customDate, now);
  if (expiry.kind === 'invalid') return null;
  if (expiry.kind === 'never') {
    return (
      <p class="expiry-summary warning-text">
        This token will never expire. Tokens that expire are safer: choose a date unless a program cannot be updated.
      </p>
    );
  }
  return (
    <p class="expiry-summary">
      Expires on <time dateTime={expiry.at.toISOString()}>{formatDate(expiry.at)}</time>
    </p>
  );
};

/** When the new token stops working; a custom date lasts to the end of that day. */
export const ExpirationFieldset = (props: ExpirationFieldsetProps) => (
  <fieldset>
    <legend>Expiration</legend>
    <div class="choices-inline">
      <RadioChoices name="expiration" choices={EXPIRY_CHOICES} value={props.choice} onChoice={props.onChoice} />
    </div>
    {props.choice === 'custom' && (
      <div class="field">
        <label for={EXPIRY_DATE_ID}>Expiration date</label>
        <input
          id={EXPIRY_DATE_ID}
          type="date"
          min={dateInputValue(props.now)}
          value={props.customDate}
          aria-invalid={props.error !== null ? 'true' : undefined}
          aria-describedby={props.error !== null ? EXPIRY_ERROR_ID : undefined}
          onInput={(e) => props.onCustomDate(e.currentTarget.value)}
        />
        {props.error !== null && (
          <p class="field-error" id={EXPIRY_ERROR_ID}>
            {props.error}
          </p>
        )}
      </div>
    )}
    <Summary choice={props.choice} customDate={props.customDate} now={props.now} />
  </fieldset>
);
