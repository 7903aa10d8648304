// Values that CSV writers get wrong, with the exact bytes the export must write for each (the pool's formats test and the Node-side Python check share it).

export type CsvCase = {
	user_id: string;
	user_data: string | null;
	/** The row's `user_id,user_data` as the export writes it, before `,time_stamp` and CRLF. */
	csv: string;
};

export const CSV_CORPUS: CsvCase[] = [
	{ user_id: "lf", user_data: "a\nb", csv: 'lf,"a\nb"' },
	{ user_id: "cr", user_data: "a\rb", csv: 'cr,"a\rb"' },
	{ user_id: "crlf", user_data: "a\r\nb", csv: 'crlf,"a\r\nb"' },
	{ user_id: "all-breaks", user_data: "1\r\n2\n3\r4", csv: 'all-breaks,"1\r\n2\n3\r4"' },
	{ user_id: "lead-cr", user_data: "\rx", csv: 'lead-cr,"\'\rx"' },
	{ user_id: "lead-lf", user_data: "\nx", csv: 'lead-lf,"\nx"' },
	{ user_id: "trail-cr", user_data: "x\r", csv: 'trail-cr,"x\r"' },
	{ user_id: "only-lf", user_data: "\n", csv: 'only-lf,"\n"' },
	{ user_id: "only-cr", user_data: "\r", csv: 'only-cr,"\'\r"' },
	{ user_id: "only-crlf", user_data: "\r\n", csv: 'only-crlf,"\'\r\n"' },
	{ user_id: "quote", user_data: 'say "hi"', csv: 'quote,"say ""hi"""' },
	{ user_id: "only-quote", user_data: '"', csv: 'only-quote,""""' },
	{ user_id: "comma", user_data: "a,b", csv: 'comma,"a,b"' },
	{ user_id: "everything", user_data: 'a,"b"\r\nc\rd\ne', csv: 'everything,"a,""b""\r\nc\rd\ne"' },
	{ user_id: "equals", user_data: "=1+1", csv: "equals,'=1+1" },
	{ user_id: "plus", user_data: "+1", csv: "plus,'+1" },
	{ user_id: "minus", user_data: "-1", csv: "minus,'-1" },
	{ user_id: "at", user_data: "@SUM(A1)", csv: "at,'@SUM(A1)" },
	{ user_id: "apostrophe", user_data: "'x", csv: "apostrophe,''x" },
	{ user_id: "tab", user_data: "\tx", csv: "tab,'\tx" },
	{
		user_id: "formula-quoted",
		user_data: '=HYPERLINK("http://x","y")',
		csv: 'formula-quoted,"\'=HYPERLINK(""http://x"",""y"")"',
	},
	{ user_id: "formula-lf", user_data: "=A1\n+B1", csv: 'formula-lf,"\'=A1\n+B1"' },
	{ user_id: "empty", user_data: "", csv: 'empty,""' },
	{ user_id: "null", user_data: null, csv: "null," },
	{ user_id: "accent", user_data: "é", csv: "accent,é" },
	{ user_id: "cjk", user_data: "日本", csv: "cjk,日本" },
	{ user_id: "emoji", user_data: "🎉👍🏽", csv: "emoji,🎉👍🏽" },
	{ user_id: "spaces", user_data: " padded ", csv: "spaces, padded " },
	{ user_id: "plain", user_data: "plain text", csv: "plain,plain text" },
	// The guard and the quoting apply to user_id too (which cannot hold CR or LF).
	{ user_id: '=id,"q"', user_data: "x", csv: '"\'=id,""q""",x' },
	{ user_id: "日本", user_data: "id", csv: "日本,id" },
];
