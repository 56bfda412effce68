import { render } from 'preact';
import { App } from './App';
import { chromeApi } from './chrome-api';
import './popup.css';

render(<App api={chromeApi} />, document.getElementById('app')!);
