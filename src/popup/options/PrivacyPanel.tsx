import { t } from '../../shared/i18n/t';
import { PERMISSIONS } from '../../shared/permissions';
import { SITE_INFO, SITES } from '../../shared/sites';

/**
 * Why each permission is held, by the name the manifest gives it (a site's match pattern for
 * a host permission); the README's table says the same.
 */
export function permissionReasons(): [string, string][] {
  return [
    ...PERMISSIONS.map((p): [string, string] => [p, t(`permission_${p}`)]),
    ...SITES.flatMap((site) => SITE_INFO[site].matches.map((pattern): [string, string] => [pattern, t('permission_site', SITE_INFO[site].name)])),
  ];
}

export function PrivacyPanel({ backend, model }: { backend: string | null; model: string | null }) {
  return (
    <section class="card" aria-label={t('privacy_title')}>
      <h2>{t('privacy_title')}</h2>
      <p>{t('privacy_text')}</p>
      <ul data-testid="permissions">
        {permissionReasons().map(([p, why]) => (
          <li key={p}>
            <code>{p}</code>: {why}
          </li>
        ))}
      </ul>
      <p class="muted small" data-testid="model-info">
        {t('privacy_model_info', model ?? t('privacy_model_not_loaded'), backend ?? t('privacy_backend_unknown'))}
      </p>
    </section>
  );
}
