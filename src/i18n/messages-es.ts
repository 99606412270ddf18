import type { Messages } from './messages';

/** Spanish. */
export const messagesEs: Messages = {
  loading: 'Cargando el formulario…',
  loadFailed: 'No se pudo cargar el formulario.',
  retry: 'Reintentar',
  submit: 'Enviar',
  sending: 'Enviando…',
  sent: 'Gracias: su mensaje se ha enviado.',
  saved: 'Guardado: se enviará cuando vuelva a tener conexión.',
  failed: 'No se pudo enviar. Sus datos se conservan; inténtelo de nuevo.',
  fixFields: 'Corrija los {count} campos marcados.',
  requiredNote: 'Los campos marcados con * son obligatorios.',
  required: 'Rellene este campo.',
  requiredCheckbox: 'Marque esta casilla para continuar.',
  invalidEmail: 'Introduzca un correo electrónico como nombre@ejemplo.es.',
  phoneNotANumber: 'Introduzca un teléfono con cifras, como +34 912 345 678.',
  phoneInvalidCountry: 'Elija un país o empiece con su prefijo, como +34.',
  phoneTooShort: 'Este número es demasiado corto para {country}.',
  phoneTooLong: 'Este número es demasiado largo para {country}.',
  phoneInvalid: 'Este número no es válido para {country}.',
  tooLong: 'Use como máximo {max} caracteres.',
  invalidOption: 'Elija una de las opciones.',
  invalid: 'Revise este campo.',
  country: 'País',
  choose: 'Elija…',
  honeypot: 'Deje este campo vacío',
};
