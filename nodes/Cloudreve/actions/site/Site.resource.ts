import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as getCaptcha from './getCaptcha.operation';
import * as getConfig from './getConfig.operation';
import * as ping from './ping.operation';
import * as reportAbuse from './reportAbuse.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['site'] } },
	options: [
		{
			name: 'Get Captcha',
			value: 'getCaptcha',
			action: 'Get a captcha',
			description: 'Get a captcha image (binary) and its ticket, for Sign Up or Send Reset Password Email on sites that require one',
		},
		{ name: 'Get Config', value: 'getConfig', action: 'Get site settings', description: 'Get one section of the public site settings' },
		{ name: 'Ping', value: 'ping', action: 'Ping the site', description: 'Get the Cloudreve version (and whether it is Pro)' },
		{ name: 'Report Abuse [Pro]', value: 'reportAbuse', action: 'Report an abusive share link', description: 'Report a share link to the site administrators (Cloudreve Pro)' },
	],
	default: 'ping',
};

export const siteResource: ResourceModule = {
	resource: { name: 'Site', value: 'site' },
	operations,
	modules: { getCaptcha, getConfig, ping, reportAbuse },
};
