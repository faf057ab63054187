import { render } from 'preact';
import { App } from './components/App';
import { readPageConfig } from './config';
import { hostOf } from './session';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App config={readPageConfig(document)} host={hostOf(window)} />, root);
