import type { Messages } from './messages';

/** German. */
export const messagesDe: Messages = {
  loading: 'Formular wird geladen…',
  loadFailed: 'Das Formular konnte nicht geladen werden.',
  retry: 'Erneut versuchen',
  submit: 'Senden',
  sending: 'Wird gesendet…',
  sent: 'Danke — Ihre Nachricht wurde gesendet.',
  saved: 'Gespeichert — sie wird gesendet, sobald Sie wieder online sind.',
  failed: 'Senden fehlgeschlagen. Ihre Eingaben bleiben erhalten; bitte versuchen Sie es erneut.',
  fixFields: 'Bitte korrigieren Sie die {count} markierten Felder.',
  requiredNote: 'Mit * markierte Felder sind Pflichtfelder.',
  required: 'Bitte füllen Sie dieses Feld aus.',
  requiredCheckbox: 'Bitte setzen Sie dieses Häkchen, um fortzufahren.',
  invalidEmail: 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
  phoneNotANumber: 'Geben Sie eine Telefonnummer aus Ziffern ein, z. B. +49 30 1234567.',
  phoneInvalidCountry: 'Wählen Sie ein Land oder beginnen Sie mit der Vorwahl, z. B. +49.',
  phoneTooShort: 'Diese Nummer ist für {country} zu kurz.',
  phoneTooLong: 'Diese Nummer ist für {country} zu lang.',
  phoneInvalid: 'Diese Nummer ist für {country} nicht gültig.',
  tooLong: 'Höchstens {max} Zeichen.',
  invalidOption: 'Wählen Sie eine der Optionen.',
  invalid: 'Bitte prüfen Sie dieses Feld.',
  country: 'Land',
  choose: 'Bitte wählen…',
  honeypot: 'Dieses Feld bitte leer lassen',
};
