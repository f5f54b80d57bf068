import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { exportFileName, itineraryModel } from '@hamgaja/shared';
import { desktopApi } from '../../../desktop-api/desktop';
import { ChevronDownIcon } from '../../app/icons';
import { FormAlert } from '../../app/forms';
import { usePopover } from '../../app/use-dismiss';
import { currentLanguage } from '../../i18n';
import { downloadFile } from './download';
import { bundleOf, icsFile, tripFile, type TripDocumentsLike } from './trip-bundle';
import './trip-export.css';

type Action = 'ics' | 'json' | 'pdf' | 'print';
const actions: readonly Action[] = ['ics', 'json', 'pdf', 'print'];

/** The trip page's Export menu: calendar file, trip file, PDF and the print view. */
export function ExportMenu({ data }: { data: TripDocumentsLike }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { open, close, container, panelId, buttonProps } = usePopover();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const run = async (action: Action) => {
    close();
    setFailed(false);
    if (action === 'print') {
      void navigate(`/trips/${encodeURIComponent(data.trip.id)}/print`);
      return;
    }
    const language = currentLanguage();
    const bundle = bundleOf(data);
    const now = new Date();
    try {
      // The desktop app saves through its native dialog (the main process renders the same files).
      const desktop = desktopApi();
      if (desktop) {
        await desktop.exportTrip({ format: action, language, bundle });
        return;
      }
      if (action === 'ics') {
        const file = icsFile(bundle, language, now);
        downloadFile(file.content, file.fileName, file.type);
      } else if (action === 'json') {
        const file = tripFile(bundle, now);
        downloadFile(file.content, file.fileName, file.type);
      } else {
        setBusy(true);
        const { itineraryPdfBlob } = await import('./web-pdf');
        const blob = await itineraryPdfBlob(itineraryModel(bundle, language), now);
        downloadFile(blob, exportFileName(bundle.trip.title, 'pdf'), 'application/pdf');
      }
    } catch (error) {
      console.error('Export failed', error);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="trip-export">
      <div className="popover-anchor" ref={container}>
        <button {...buttonProps} className="button" disabled={busy} aria-busy={busy}>
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {busy ? t('tripExport.makingPdf') : t('tripExport.menu')}
          <ChevronDownIcon />
        </button>
        <div id={panelId} className="popover trip-export-menu" hidden={!open}>
          {actions.map((action) => (
            <button key={action} type="button" className="menu-item" onClick={() => void run(action)}>
              {t(`tripExport.${action}`)}
            </button>
          ))}
        </div>
      </div>
      {failed ? <FormAlert kind="error">{t('tripExport.failed')}</FormAlert> : null}
    </div>
  );
}
