import { render } from 'preact';
import { App } from './App';
import { chromeApi } from './chrome-api';
import { applyPageLanguage } from './page-language';
import './popup.css';

applyPageLanguage();
render(<App api={chromeApi} />, document.getElementById('app')!);
