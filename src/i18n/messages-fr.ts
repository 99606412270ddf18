import type { Messages } from './messages';

/** French. */
export const messagesFr: Messages = {
  loading: 'Chargement du formulaire…',
  loadFailed: 'Le formulaire n’a pas pu être chargé.',
  retry: 'Réessayer',
  submit: 'Envoyer',
  sending: 'Envoi en cours…',
  sent: 'Merci, votre message a été envoyé.',
  saved: 'Enregistré : il sera envoyé dès que vous serez de nouveau en ligne.',
  failed: 'L’envoi a échoué. Vos saisies sont conservées ; veuillez réessayer.',
  fixFields: 'Veuillez corriger les {count} champs signalés.',
  requiredNote: 'Les champs marqués d’un * sont obligatoires.',
  required: 'Veuillez remplir ce champ.',
  requiredCheckbox: 'Veuillez cocher cette case pour continuer.',
  invalidEmail: 'Saisissez une adresse e-mail comme nom@exemple.fr.',
  phoneNotANumber: 'Saisissez un numéro composé de chiffres, comme +33 1 23 45 67 89.',
  phoneInvalidCountry: 'Choisissez un pays ou commencez par son indicatif, comme +33.',
  phoneTooShort: 'Ce numéro est trop court pour {country}.',
  phoneTooLong: 'Ce numéro est trop long pour {country}.',
  phoneInvalid: 'Ce numéro n’est pas valide pour {country}.',
  tooLong: '{max} caractères au maximum.',
  invalidOption: 'Choisissez l’une des options.',
  invalid: 'Veuillez vérifier ce champ.',
  country: 'Pays',
  choose: 'Choisir…',
  honeypot: 'Laissez ce champ vide',
};
