import { joinRelativePath, joinUri, parentUri, pathToUri, shareUri, toUri, uriName, uriPath, withSearchQuery } from '../../nodes/shared/uri';

const TRICKY = ['a b', 'hash#tag', 'what?', '100%', 'plus+sign', 'emoji 🎉', '中文 文件', 'quote\'s (1)', 'amp&eq='];

describe('cloudreve:// URIs', () => {
	it('builds URIs from paths, encoding each segment like encodeURIComponent', () => {
		expect(pathToUri('/')).toBe('cloudreve://my');
		expect(pathToUri('')).toBe('cloudreve://my');
		expect(pathToUri('/Reports/2026/q1 #1?.pdf')).toBe('cloudreve://my/Reports/2026/q1%20%231%3F.pdf');
		expect(pathToUri('Reports//x/')).toBe('cloudreve://my/Reports/x');
		expect(pathToUri('/门票/icon@2x.png')).toBe('cloudreve://my/%E9%97%A8%E7%A5%A8/icon%402x.png');
	});

	it.each(TRICKY)('round-trips the name %j through path, join, name and path again', (name) => {
		const uri = pathToUri(`/folder/${name}`);
		expect(uriName(uri)).toBe(name);
		expect(uriPath(uri)).toBe(`/folder/${name}`);
		expect(joinUri(pathToUri('/folder'), name)).toBe(uri);
		expect(parentUri(uri)).toBe('cloudreve://my/folder');
		expect(toUri(uri)).toBe(uri);
	});

	it('accepts pasted URIs, encoding raw characters but keeping escapes and queries', () => {
		expect(toUri('cloudreve://my/Reports 2026/中文')).toBe('cloudreve://my/Reports%202026/%E4%B8%AD%E6%96%87');
		expect(toUri('cloudreve://my/a%20b/')).toBe('cloudreve://my/a%20b');
		expect(toUri('cloudreve://trash')).toBe('cloudreve://trash');
		expect(toUri('cloudreve://abc:pw@share/x')).toBe('cloudreve://abc:pw@share/x');
		expect(toUri('cloudreve://my/Inbox?type=file&name=*.pdf')).toBe('cloudreve://my/Inbox?type=file&name=*.pdf');
		expect(toUri('/plain/path')).toBe('cloudreve://my/plain/path');
	});

	it('rejects other schemes, unknown file systems and ..', () => {
		expect(() => toUri('https://example.com/x')).toThrow(/not a cloudreve/);
		expect(() => toUri('cloudreve://nowhere/x')).toThrow(/unknown file system/);
		expect(() => toUri('/a/../b')).toThrow(/\.\./);
		expect(() => toUri('  ')).toThrow(/empty/);
	});

	it('appends relative paths segment by segment', () => {
		expect(joinRelativePath('cloudreve://my/A%20b', 'c/d #1.txt')).toBe('cloudreve://my/A%20b/c/d%20%231.txt');
		expect(joinRelativePath('cloudreve://my', '/x//y/')).toBe('cloudreve://my/x/y');
	});

	it('adds search queries and builds share URIs', () => {
		expect(withSearchQuery('cloudreve://my/In box', [['type', 'file'], ['case_folding', ''], ['name', '*.pdf']])).toBe(
			'cloudreve://my/In box?type=file&case_folding&name=*.pdf',
		);
		expect(shareUri('g2guA', 'pw1', '/sub dir')).toBe('cloudreve://g2guA:pw1@share/sub%20dir');
		expect(shareUri('g2guA')).toBe('cloudreve://g2guA@share');
	});
});
