// A few fixed records standing in for the host application's own storage.

export interface Invoice {
  id: string;
  customer: string;
  amountCents: number;
  currency: string;
}

export interface CaseNote {
  id: string;
  caseId: string;
  text: string;
}

export const INVOICES: readonly Invoice[] = [
  { id: 'inv-1001', customer: 'Acme Ltd', amountCents: 125_000, currency: 'EUR' },
  { id: 'inv-1002', customer: 'Globex', amountCents: 48_050, currency: 'EUR' },
];

export const CASE_NOTES: readonly CaseNote[] = [
  { id: 'note-1', caseId: 'case-7', text: 'Applicant called about the missing form.' },
  { id: 'note-2', caseId: 'case-7', text: 'Form received.' },
  { id: 'note-3', caseId: 'case-9', text: 'Case opened.' },
];
