import { invitationsCsv } from './invitations-csv.js';

const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';

describe('invitationsCsv', () => {
  it('starts with a byte-order mark and a header, one CRLF line per student', () => {
    const csv = invitationsCsv([{ studentNumber: 'S001', name: '张三', className: '高一 1班', token: TOKEN }]);
    expect(csv).toBe(`\uFEFFstudent_number,name,class,token,link\r\nS001,张三,高一 1班,${TOKEN},/s/${TOKEN}\r\n`);
  });

  it('quotes cells with commas, quotes or line breaks', () => {
    const csv = invitationsCsv([{ studentNumber: 'S1', name: '王"小"明, Jr', className: '高一\n1班', token: TOKEN }]);
    expect(csv.split('\r\n')[1]).toBe(`S1,"王""小""明, Jr","高一\n1班",${TOKEN},/s/${TOKEN}`);
  });

  it('keeps a name that looks like a formula from running in a spreadsheet', () => {
    const csv = invitationsCsv([{ studentNumber: '=1+1', name: '@SUM(A1)', className: '-2', token: TOKEN }]);
    expect(csv.split('\r\n')[1]).toBe(`'=1+1,'@SUM(A1),'-2,${TOKEN},/s/${TOKEN}`);
  });

  it('guards a token that starts with a minus, and keeps it bare in the link', () => {
    const token = `-${TOKEN.slice(1)}`;
    const csv = invitationsCsv([{ studentNumber: 'S1', name: '张三', className: '高一 1班', token }]);
    expect(csv.split('\r\n')[1]).toBe(`S1,张三,高一 1班,'${token},/s/${token}`);
  });
});
