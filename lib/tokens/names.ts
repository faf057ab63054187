/**
 * The form in which names are compared for uniqueness: NFC, then case-folded (lower case, normalised again,
 * as lowering can decompose). "Zapier", "ZAPIER" and a decomposed "Zapíer"'s NFC twin claim one name.
 */
export const nameClaimKey = (name: string): string => name.normalize('NFC').toLowerCase().normalize('NFC');
