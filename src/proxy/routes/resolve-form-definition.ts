import type { FieldDef } from '../../model/field';
import type { FormDefinition } from '../../model/form';
import type { ResolvedForm } from '../config/load-config';
import type { ProxyContext } from '../proxy-context';
import { ProxyError } from '../proxy-error';

/**
 * A form's public definition: its configured fields, with `"from:<backend>"` entries
 * replaced by that backend's own field list (the backend caches it and serves its last
 * good copy when the vendor is down).
 */
export async function resolveFormDefinition(ctx: ProxyContext, form: ResolvedForm): Promise<FormDefinition> {
  const fields: FieldDef[] = [];
  for (const entry of form.fields) {
    if (entry.kind === 'field') {
      fields.push(entry.field);
      continue;
    }
    const backend = ctx.backends.get(entry.backend);
    if (!backend?.formFields) {
      throw new ProxyError(503, 'backend_unavailable', `The form's fields are not available right now.`);
    }
    try {
      const own = await backend.formFields(AbortSignal.timeout(backend.limits.timeoutMs));
      const taken = new Set(fields.map((f) => f.name));
      fields.push(...own.filter((f) => !taken.has(f.name)));
    } catch (error) {
      ctx.logger.warn({ backend: backend.name, err: (error as Error).message }, 'form fields unavailable');
      throw new ProxyError(503, 'backend_unavailable', `The form's fields are not available right now.`, {
        cause: error,
      });
    }
  }
  return {
    id: form.id,
    fields,
    ...(form.consent ? { consent: form.consent } : {}),
    ...(form.booking ? { booking: form.booking } : {}),
    ...(form.successMessage ? { successMessage: form.successMessage } : {}),
    ...(form.redirect ? { redirect: form.redirect } : {}),
    ...(form.locale ? { locale: form.locale } : {}),
    ...(form.phoneCountry ? { phoneCountry: form.phoneCountry } : {}),
    minFillSeconds: form.minFillSeconds,
  };
}
