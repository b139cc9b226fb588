// The captcha answer fields of sign-up and reset mail (cloudreve-api.md §1.10), read from an Options collection.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CaptchaFields } from '../../../shared/api/account';

export const captchaOptions: INodeProperties[] = [
	{
		displayName: 'Captcha Answer',
		name: 'captcha',
		type: 'string',
		default: '',
		description: 'Only when the site requires a captcha: the text of the image from Site → Get Captcha (or a reCAPTCHA token)',
	},
	{
		displayName: 'Captcha Ticket',
		name: 'ticket',
		type: 'string',
		default: '',
		description: 'Only when the site requires a captcha: the ticket returned with the image by Site → Get Captcha (or a Turnstile/Cap token)',
	},
];

export function captchaFields(options: IDataObject): CaptchaFields {
	const out: CaptchaFields = {};
	if (options.captcha) out.captcha = String(options.captcha);
	if (options.ticket) out.ticket = String(options.ticket);
	return out;
}
