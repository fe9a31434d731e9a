"""Independent check of a generated corpus with Python's email module: every .eml parses
without defects, its attached files (winmail.dat unpacked) match the truth's documents in
order, every stated field appears in the sender's text (subject, body, file names, .docx
letters) and, for missing fields, the account's value is absent from the unquoted text.

Usage: python3 tests/corpus/check_eml.py DIR   (DIR as written by examples/corpus.rs)
"""
import email, email.policy, glob, json, sys, re, html, zipfile, io, struct, collections
d=sys.argv[1]
problems=collections.Counter(); examples={}
def prob(k, f, detail=''):
    problems[k]+=1
    examples.setdefault(k, (f, detail))
def tnef_names(b):
    assert struct.unpack('<I',b[:4])[0]==0x223E9F78
    i=6; names=[]
    while i < len(b):
        lvl=b[i]; aid,ln=struct.unpack('<II',b[i+1:i+9]); data=b[i+9:i+9+ln]
        ck=struct.unpack('<H',b[i+9+ln:i+11+ln])[0]
        assert ck==sum(data)&0xffff, 'checksum'
        if aid==0x00018010: names.append(data.rstrip(b'\0').decode('cp1252'))
        if aid==0x0006800F: DATA.append(data)
        i+=11+ln
    return names
DATA=[]
def norm(s): return re.sub(r'\s+',' ',s).strip()
n=0
for f in sorted(glob.glob(d+'/messages/*.eml')):
    n+=1
    raw=open(f,'rb').read()
    t=json.load(open(f.replace('/messages/','/truth/').replace('.eml','.json')))
    meta=json.load(open(f.replace('/messages/','/meta/').replace('.eml','.json')))
    try:
        m=email.message_from_bytes(raw,policy=email.policy.default)
    except Exception as e:
        prob('parse-exception',f,str(e)); continue
    for part in m.walk():
        for de in part.defects: prob('defect:'+type(de).__name__, f, str(de))
    files=[]; texts=[]; 
    try: subj=str(m['Subject'] or '')
    except Exception as e: prob('subject',f,str(e)); subj=''
    texts.append(subj)
    for part in m.walk():
        if part.is_multipart(): continue
        ct=part.get_content_type(); fn=part.get_filename()
        if ct.startswith('message/'): continue
        if ct in ('text/plain','text/html') and not fn:
            try: c=part.get_content()
            except Exception as e: prob('decode-text',f,str(e)); continue
            if ct=='text/html':
                c=re.sub(r'<br\s*/?>','\n',c); c=re.sub(r'</(div|p|tr|td)>','\n',c); c=html.unescape(re.sub(r'<[^>]+>',' ',c))
            texts.append(c)
        elif ct=='application/ms-tnef':
            try:
                DATA.clear(); nm=tnef_names(part.get_payload(decode=True)); files += nm; texts.extend(nm)
                for name,data in zip(nm,DATA):
                    if name.endswith('.docx'):
                        z=zipfile.ZipFile(io.BytesIO(data)); texts.append(html.unescape(re.sub(r'<[^>]+>',' ',z.read('word/document.xml').decode())))
            except Exception as e: prob('tnef',f,str(e))
        else:
            files.append(fn or '(noname)')
            if fn and fn.endswith('.docx'):
                z=zipfile.ZipFile(io.BytesIO(part.get_payload(decode=True)))
                texts.append(html.unescape(re.sub(r'<[^>]+>',' ',z.read('word/document.xml').decode())))
            texts.append(fn or '')
    tf=[x['filename'] for x in t['documents']]
    if files!=tf: prob('documents-mismatch',f,f'{files} vs {tf}')
    if t['disposition']=='ignored': continue
    corpus=norm(' \n '.join(texts))
    for k in ('name','user_id','case_name'):
        v=t['fields'][k]
        if v is not None and norm(v) not in corpus:
            prob('field-not-found:'+k,f,v)
    dk=t['fields']['docket_number']
    if dk:
        core=re.sub(r'[^A-Z0-9]','',dk.upper())[:-1]
        alnum=re.sub(r'[^A-Z0-9]','',corpus.upper())
        if core not in alnum: prob('docket-not-found',f,dk)
    # quoted example values must never be truth
    for k,v in t['fields'].items():
        if v and ('jqsample' in v.lower() or 'john q. sample' in v.lower() or '5022125' in v):
            prob('example-as-truth',f,v)
print(n,'messages checked')
for k,c in problems.most_common(): print(c,k,examples[k])

# ---- absence checks: a missing field must not be stated in the sender's own text
import csv
acc={r['email'].lower():r for r in csv.DictReader(open(d+'/fixtures/accounts.csv'))}
CUT=re.compile(r'^(>|On .*wrote:|From: E-Services|From: "E-Services"|_{10,}|-{4,} ?(Original|Forwarded)|Sent: |Begin forwarded|---------- Forwarded)', re.M)
absent=collections.Counter(); aex={}
for f in sorted(glob.glob(d+'/messages/*.eml')):
    t=json.load(open(f.replace('/messages/','/truth/').replace('.eml','.json')))
    meta=json.load(open(f.replace('/messages/','/meta/').replace('.eml','.json')))
    if t['disposition']=='ignored': continue
    m=email.message_from_binary_file(open(f,'rb'),policy=email.policy.default)
    own=[str(m['Subject'] or '')]
    for part in m.walk():
        if part.is_multipart(): continue
        if part.get_content_type()=='text/plain' and not part.get_filename():
            c=part.get_content()
            if meta['thread']!='forward_own':
                mm=CUT.search(c)
                if mm: c=c[:mm.start()]
            own.append(c)
        elif part.get_filename(): own.append(part.get_filename())
    own=' \n '.join(own)
    if not any(p.get_content_type()=='text/plain' for p in m.walk()): continue
    a=acc.get(re.search(r'<?([^<>\s]+@[^<>\s]+)>?\s*$',str(m['From'])).group(1).lower())
    f_=t['fields']
    if f_['user_id'] is None and a and re.search(r'(?<![\w.])'+re.escape(a['user_id'])+r'(?![\w])',own):
        absent['uid-present']+=1; aex.setdefault('uid-present',(f,a['user_id']))
    if f_['case_name'] is None and re.search(r'\b(v\.|vs\.?|versus|-v-)\s',own,re.I):
        absent['case-present']+=1; aex.setdefault('case-present',f)
    if f_['docket_number'] is None and re.search(r'[A-Z]{3}\W{0,3}(CV|FA)\W{0,3}\d\d\W{0,3}\d{7}',own,re.I):
        absent['docket-present']+=1; aex.setdefault('docket-present',f)
    if f_['name'] is None and a:
        nm=a['full_name'].lower()
        if len(nm.split())>=2 and nm in own.lower():
            absent['name-present']+=1; aex.setdefault('name-present',(f,nm))
for k,c in absent.items(): print('ABSENCE',c,k,aex[k])
