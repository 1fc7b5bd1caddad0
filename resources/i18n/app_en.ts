<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../app/ui/main.py" line="80" />
        <source>Quick exit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="81" />
        <source>Hide and lock at once (F12 or Ctrl+Shift+Q)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="95" />
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="125" />
        <source>The time-stamp server choice could not be saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="157" />
        <source>Not remembered</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BrowserWidget</name>
    <message>
        <location filename="../../app/ui/browser.py" line="223" />
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="225" />
        <source>Forward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="227" />
        <source>Reload</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="228" />
        <source>Web address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="230" />
        <source>Hide images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="230" />
        <source>Show images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="232" />
        <source>Images are blurred; showing them is your choice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="233" />
        <source>Capture this page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="236" />
        <source>Save the whole page (picture, source, PDF, text) in the vault, unblurred, without showing it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="240" />
        <source>As shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="243" />
        <source>Capture the page exactly as it is now, with what you opened or scrolled to, without loading it again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="247" />
        <source>Private: forget logins when closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="248" />
        <source>Stay logged in (saved on this computer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="250" />
        <source>Captures and downloads go to the case "{0}".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="269" />
        <source>Type a web address, such as https://example.org/post/1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="306" />
        <source>Picture hidden. Use “Show images” to see it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="312" />
        <source>Show images?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="314" />
        <source>Pictures on web pages will be shown sharp, unblurred, in this window until you hide them again. Show images?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="332" />
        <source>Stay logged in?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="334" />
        <source>Logins (cookies and site storage) will be kept on this computer in {0}, so anyone using this computer account could use them. Page content and images are still never cached on disk. Continue?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="355" />
        <source>Open a web page first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="358" />
        <source>A capture is already running.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="368" />
        <source>Capturing {0}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="381" />
        <source>Capturing {0} as shown…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="397" />
        <source>The page could not be saved as shown; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="440" />
        <source>Saved in the vault as item {0}; the picture is not the whole page: {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="444" />
        <source>Saved in the vault as item {0}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="459" />
        <source>The file is too large to keep (over {0} MiB).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="471" />
        <source>Downloading into the vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="484" />
        <source>The download did not finish; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BrowserWindow</name>
    <message>
        <location filename="../../app/ui/browser.py" line="564" />
        <source>Browser (images shown)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="566" />
        <source>Browser (images blurred)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="580" />
        <source>Not captured</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="74" />
        <source>Waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="75" />
        <source>Capturing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="76" />
        <source>Saving…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="77" />
        <source>Saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="78" />
        <source>Failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="79" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="133" />
        <source>Capture web pages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="134" />
        <source>Paste web addresses, one per line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="135" />
        <source>Load a list…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="136" />
        <source>Case: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="138" />
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="138" />
        <source>Result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="138" />
        <source>Item / reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="140" />
        <source>Capture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="141" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="142" />
        <source>Retry failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="143" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="153" />
        <source>Load a list of addresses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="155" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="162" />
        <source>Cannot read the list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="174" />
        <source>Cannot capture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="214" />
        <source>Item {0}; not the whole page: {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="219" />
        <source>Item {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="236" />
        <source>{0} saved, {1} failed, {2} cancelled</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CasesPanel</name>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="55" />
        <location filename="../../app/ui/cases_panel.py" line="56" />
        <source>Cases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="57" />
        <source>New case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="58" />
        <source>Takedowns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="61" />
        <source>Where the material was seen, takedown requests and re-checks of the selected case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="100" />
        <source>All evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="104" />
        <source>Archived</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/ui/controller.py" line="316" />
        <source>Settings could not be saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/ops_items.py" line="81" />
        <source>These files were not stored (the others were):</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/ops_items.py" line="89" />
        <source>…and %n more.</source>
        <translation><numerusform>…and %n more.</numerusform><numerusform>…and %n more.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/ops_items.py" line="120" />
        <source>Storing the screenshot…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <location filename="../../app/ui/core_text.py" line="19" />
        <source>The server answered with error %1 for %2; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="25" />
        <source>The site's certificate is not trusted (%1); nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="31" />
        <source>Could not load %1 (%2); nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="37" />
        <source>The download of %1 did not finish within %2 seconds; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="44" />
        <source>%1 loaded but could not be saved in time; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="50" />
        <source>%1 did not load within %2 seconds; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="56" />
        <source>Capture cancelled; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="62" />
        <source>The page could not be rendered; nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="68" />
        <source>The time-stamp server %1 answered with error %2 (%3).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="74" />
        <source>The time-stamp server %1 cannot be reached (%2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="80" />
        <source>Cancelled before it was captured.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="84" />
        <source>Cancelled; nothing was imported.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="88" />
        <source>The vault is locked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="92" />
        <source>File not found: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="96" />
        <source>%1 is not a regular file (a device, pipe or socket); only files can be added.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="104" />
        <source>every page is authentic (SQLCipher HMAC) and the database is consistent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="109" />
        <source>all present</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="112" />
        <source>%1 entries, last %2…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="116" />
        <source>%1 files (%2 bytes) hashed again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="120" />
        <source>%1 tokens and %2 Merkle proofs checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="126" />
        <source>note: %1 custody entries are still waiting for a timestamp</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="132" />
        <source>%1 received files match %2 sender chain(s); %3 received token(s) verified</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="139" />
        <source>Vault verified: everything holds.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="146" />
        <source>storage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="147" />
        <source>append-only guards</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="148" />
        <source>custody chain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="149" />
        <source>evidence files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="150" />
        <source>timestamps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="151" />
        <source>received evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="158" />
        <location filename="../../app/ui/core_text.py" line="161" />
        <source>the name could not be found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="164" />
        <source>the connection was refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="165" />
        <source>no answer in time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="166" />
        <source>no network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="167" />
        <source>not found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="168" />
        <source>network error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="193" />
        <source>[OK]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="195" />
        <source>[PROBLEM]</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../app/ui/details.py" line="180" />
        <source>Case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="181" />
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="182" />
        <source>Captured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="183" />
        <location filename="../../app/ui/details.py" line="221" />
        <source>Stored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="184" />
        <source>Source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="185" />
        <source>Files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="186" />
        <source>SHA-256</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="187" />
        <source>Timestamp</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="188" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="189" />
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="190" />
        <source>Recorded details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="194" />
        <source>Select an item to see its details. Images stay blurred.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="195" />
        <location filename="../../app/ui/details.py" line="196" />
        <source>Tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="197" />
        <source>Add tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="198" />
        <location filename="../../app/ui/details.py" line="386" />
        <location filename="../../app/ui/details.py" line="389" />
        <source>Remove tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="199" />
        <location filename="../../app/ui/details.py" line="200" />
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="202" />
        <source>Write a note. Notes are added, never overwritten.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="204" />
        <source>New note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="205" />
        <source>Add note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="206" />
        <location filename="../../app/ui/details.py" line="207" />
        <source>Custody history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="208" />
        <source>Item details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="220" />
        <source>Vault created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="222" />
        <source>Note added</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="223" />
        <source>Tag added</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="224" />
        <source>Tag removed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="225" />
        <source>Archived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="226" />
        <source>Unarchived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="227" />
        <source>Original viewed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="228" />
        <source>Exported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="229" />
        <source>Vault checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="230" />
        <source>Backup made</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="231" />
        <source>Passphrase changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="232" />
        <source>Vault key exported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="233" />
        <source>Vault recovered from a damaged log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="234" />
        <source>Restored older copy acknowledged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="235" />
        <source>Handed over in a sealed bundle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="236" />
        <source>Bundle file written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="237" />
        <source>Bundle export failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="238" />
        <source>Bundle received and checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="239" />
        <source>Received from an earlier holder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="240" />
        <source>Received again (same evidence)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="241" />
        <source>Location where it was seen recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="242" />
        <source>Location linked to this item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="243" />
        <source>Takedown request drafted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="244" />
        <source>Takedown request status recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="245" />
        <source>Takedown notice written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="246" />
        <source>Location re-checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="247" />
        <source>Location status confirmed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="248" />
        <source>Hash list exported (no images)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="307" />
        <source>(untitled)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="308" />
        <source>No preview for this item.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="319" />
        <location filename="../../app/ui/details.py" line="331" />
        <location filename="../../app/ui/details.py" line="332" />
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="327" />
        <source>Archived: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="329" />
        <source>In the main list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="344" />
        <source>Unarchive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="344" />
        <source>Archive…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="355" />
        <source>UNVERIFIED earlier holder %1: no signature of its own proves its custody chain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="387" />
        <source>Tag to remove:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="415" />
        <source>Archive item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="416" />
        <source>Why is this item archived? It is kept and can be brought back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="418" />
        <source>Archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="421" />
        <source>Write a reason to archive: it is kept in the custody history.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="390" />
        <location filename="../../app/ui/details.py" line="419" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/error_text.py" line="17" />
        <source>The passphrase is not right. Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="21" />
        <source>A passphrase or key is needed, or it is not right.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="25" />
        <source>Received evidence is read-only and stays as it was sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="29" />
        <source>Verification found a problem. Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="33" />
        <source>This input was refused as damaged, unsupported or unsafe. Nothing was stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="38" />
        <source>Something needed was not found.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="40" />
        <source>The disk could not be written or read. The vault is unchanged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="44" />
        <source>This cannot be done as asked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="45" />
        <source>The operation did not finish. Nothing partial was kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="55" />
        <source>Out of memory; nothing partial was kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="57" />
        <source>Cancelled; nothing partial was kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="60" />
        <source>Unexpected error (%1: %2).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExitBar</name>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="142" />
        <source>Quick exit</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="120" />
        <source>Export a sealed bundle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="122" />
        <source>A case:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="124" />
        <source>The whole case: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="126" />
        <source>Case to export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="129" />
        <source>The bundle is signed by this vault. Read this fingerprint to the recipient (by phone or in person) so they can confirm the bundle is from you:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="134" />
        <source>Only the selected item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="136" />
        <source>Seal with a passphrase (tell it to the recipient separately)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="138" />
        <source>Seal to the recipient's key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="139" />
        <source>Do not encrypt (signed only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="142" />
        <source>Anyone who gets the file can see the evidence. Use this only for a secure channel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="145" />
        <source>Passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="146" />
        <source>Repeat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="147" />
        <source>Recipient key (age1…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="148" />
        <location filename="../../app/ui/export_dialog.py" line="203" />
        <source>Bundle file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="149" />
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="150" />
        <source>Export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="151" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/export_dialog.py" line="189" />
        <source>Not exported (archived, %n item(s)):</source>
        <translation><numerusform>Not exported (archived, %n item):</numerusform><numerusform>Not exported (archived, %n items):</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/export_dialog.py" line="191" />
        <source>and %n more</source>
        <translation><numerusform>and %n more</numerusform><numerusform>and %n more</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="212" />
        <source>Choose where to write the bundle.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="218" />
        <source>That file already exists. Choose a new file name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="221" />
        <source>That folder does not exist. Choose another place.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="227" />
        <source>This passphrase is too easy to guess. Add more words.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="231" />
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="236" />
        <source>A recipient key starts with age1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="246" />
        <source>Choose a case to export.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="249" />
        <source>Exporting a sealed bundle…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HistoryBanner</name>
    <message>
        <location filename="../../app/ui/history_banner.py" line="43" />
        <source>Dismiss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="44" />
        <source>Dismiss the unlock history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="55" />
        <source>New vault created. Nothing is ever deleted; items can be archived.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="57" />
        <source>Last unlocked %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="59" />
        <source>No earlier unlock is on record.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/history_banner.py" line="62" />
        <source>%n failed attempt(s) on this device since the last unlock, the latest at %1.</source>
        <translation><numerusform>%n failed attempt on this device since the last unlock, the latest at %1.</numerusform><numerusform>%n failed attempts on this device since the last unlock, the latest at %1.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="67" />
        <source>No failed attempts since then.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ItemModel</name>
    <message>
        <location filename="../../app/ui/item_model.py" line="285" />
        <source>Title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="286" />
        <source>Captured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="287" />
        <source>Source site</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="288" />
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="289" />
        <source>Timestamp</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="290" />
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="315" />
        <source>(untitled)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="323" />
        <source>unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="329" />
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="330" />
        <source>Web page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="331" />
        <source>Screenshot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="332" />
        <source>Download</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="343" />
        <source>General</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="351" />
        <source>Received %1 from %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ItemViews</name>
    <message>
        <location filename="../../app/ui/item_views.py" line="86" />
        <source>Evidence, blurred thumbnails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_views.py" line="87" />
        <source>Evidence table</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/item_views.py" line="114" />
        <source>%1 · %n item(s)</source>
        <translation><numerusform>%1 · %n item</numerusform><numerusform>%1 · %n items</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_views.py" line="118" />
        <source>Nothing is archived.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/item_views.py" line="121" />
        <source>No evidence here yet. Import files, or drop them on this window.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="77" />
        <source>Capture pages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="78" />
        <source>Capture web pages by address (Ctrl+U)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="81" />
        <source>Browser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="82" />
        <source>Browse with images blurred and capture (Ctrl+B)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="85" />
        <source>Screenshot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="86" />
        <source>Capture the screen (Ctrl+Shift+S)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="89" />
        <source>Import files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="90" />
        <source>Import files; originals are kept bit-exact (Ctrl+O)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="93" />
        <source>Import folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="94" />
        <source>Import every file in a folder (Ctrl+Shift+O)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="96" />
        <source>New case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="96" />
        <source>Start a new case (Ctrl+N)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="98" />
        <source>Export bundle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="99" />
        <source>Hand a case or an item over as a sealed bundle (Ctrl+E)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="102" />
        <source>Receive bundle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="103" />
        <source>Verify and import a sealed bundle (Ctrl+R)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="105" />
        <source>Grid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="105" />
        <source>Blurred thumbnails (Ctrl+1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="106" />
        <source>Table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="106" />
        <source>Table of items (Ctrl+2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="108" />
        <source>Text only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="109" />
        <source>Hide even blurred thumbnails (Ctrl+T)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="112" />
        <source>Verify vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="113" />
        <source>Check every file and the custody history (Ctrl+Shift+V)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="115" />
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="115" />
        <source>Settings (Ctrl+,)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="116" />
        <source>Lock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="116" />
        <source>Lock the vault (Ctrl+L)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="121" />
        <source>Actions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="122" />
        <source>Bundles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="123" />
        <source>Receive or export sealed bundles</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="162" />
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="162" />
        <source>Evidence Locker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257" />
        <source>Import files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="264" />
        <source>Import folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="275" />
        <source>New case</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="252" />
        <source>Importing %n file(s)…</source>
        <translation><numerusform>Importing %n file…</numerusform><numerusform>Importing %n files…</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="276" />
        <source>Case name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="351" />
        <source>Unverified earlier holders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="353" />
        <source>This bundle names earlier holders whose custody record is not proven by their own signature. Import it anyway? They will be marked UNVERIFIED.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="282" />
        <location filename="../../app/ui/main_window.py" line="278" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286" />
        <source>Verifying the vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296" />
        <source>Something went wrong</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="307" />
        <source>This drive cannot keep files private to you. What was written there was written; anyone using this computer can read it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="314" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="143" />
        <source>The bundle does not verify (%1); nothing was imported.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="152" />
        <source>Receiving a bundle…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="159" />
        <source>Checking the bundle…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="260" />
        <source>There is nothing to export yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="270" />
        <source>Receive a bundle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="278" />
        <source>Bundle passphrase (leave empty if it was sealed to this vault):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="396" />
        <source>Bundle written and checked: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="398" />
        <source>Bundle written, but its self-check found problems: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Metadata</name>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="14" />
        <source>Original file name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="15" />
        <source>Original file name (raw bytes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="18" />
        <source>App version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="19" />
        <source>Capture method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="20" />
        <source>Address asked for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="21" />
        <source>Address reached</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="22" />
        <source>Redirected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="23" />
        <source>Title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="24" />
        <source>Captured (UTC)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="25" />
        <source>Server answer (HTTP status)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="26" />
        <source>Content type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="27" />
        <source>Server headers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="28" />
        <source>Window size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="29" />
        <source>Browser identification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="30" />
        <source>Browser engine</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="31" />
        <source>Browser profile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="32" />
        <source>Downloaded file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="33" />
        <source>Page size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="34" />
        <source>Page picture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="35" />
        <source>Page details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="36" />
        <source>Mode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="37" />
        <source>Area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="38" />
        <source>Picture size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="39" />
        <source>Screens</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="40" />
        <source>Window system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="41" />
        <source>Window number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="42" />
        <source>Window title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="43" />
        <source>width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="44" />
        <source>height</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="45" />
        <source>left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="46" />
        <source>top</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="47" />
        <source>name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="48" />
        <source>type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="49" />
        <source>size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="50" />
        <source>whole page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="51" />
        <source>cut at height</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="52" />
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="53" />
        <source>Received from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="66" />
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="68" />
        <source>no</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OpenWarnings</name>
    <message>
        <location filename="../../app/ui/open_warnings.py" line="18" />
        <source>The vault was opened read-only: the log left by an interrupted session is damaged, so saved items may be missing. Nothing was changed. Restore a backup, or build a new vault from it with 'locker recover'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/open_warnings.py" line="30" />
        <source>This vault may be an older copy put back: custody events this computer saw are missing. If you did not restore a backup yourself, keep this file and get help.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../app/ui/qt_strings.py" line="13" />
        <source>&amp;Look in:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/qt_strings.py" line="14" />
        <source>Files of &amp;type:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReceiveConfirmDialog</name>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="78" />
        <source>Confirm the sender</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/fingerprint.py" line="85" />
        <source>The bundle %1 checked out: %n item(s), signed and complete.</source>
        <translation><numerusform>The bundle %1 checked out: %n item, signed and complete.</numerusform><numerusform>The bundle %1 checked out: %n items, signed and complete.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="92" />
        <source>Confirm this fingerprint with the sender before importing (by phone or in person, not by e-mail). If it is different, the bundle is not from them: cancel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="103" />
        <source>Nothing time-stamped ties this signing key to the sender's vault (the bundle has no verified timestamp over the sender's custody chain). A bundle re-signed with someone else's key would look exactly like this one: you MUST confirm the fingerprint above with the sender by phone or in person before importing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="118" />
        <source>It matches: import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="120" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <location filename="../../app/ui/region_picker.py" line="31" />
        <source>Drag to choose the region; Esc cancels.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RevealView</name>
    <message>
        <location filename="../../app/ui/reveal.py" line="192" />
        <source>Hold to reveal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="193" />
        <source>Hold to reveal the original image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="194" />
        <source>Shown only while held; each view is recorded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="195" />
        <source>Blurred preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="197" />
        <source>The original is shown only while you hold, and each view is recorded.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ScreenshotDialog</name>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="77" />
        <source>Screen %1: %2 × %3 (%4)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="130" />
        <source>Screenshot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="131" />
        <source>Whole desktop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="132" />
        <source>One screen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="133" />
        <source>One window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="134" />
        <source>A region I select on the screen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="135" />
        <source>Region (x, y, width, height)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="136" />
        <source>Delay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="137" />
        <source> s</source>
        <comment>seconds</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="138" />
        <source>Take screenshot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="174" />
        <location filename="../../app/ui/screenshot_dialog.py" line="197" />
        <source>No screenshot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="209" />
        <source>Storing the screenshot…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="92" />
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="95" />
        <source>Follow the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="97" />
        <location filename="../../app/ui/dialogs.py" line="120" />
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="98" />
        <location filename="../../app/ui/dialogs.py" line="121" />
        <source>Lock after idle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="99" />
        <source> min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="100" />
        <source>Never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="101" />
        <source>Neutral window title and icon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="102" />
        <location filename="../../app/ui/dialogs.py" line="122" />
        <source>Time-stamp authorities</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="104" />
        <source>none configured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="106" />
        <source>The list is kept in this file:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="108" />
        <source>Blur images in the in-app browser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="109" />
        <source>Remember this vault on this device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="112" />
        <source>Anyone who can use this computer account could then open the vault without the passphrase. Do not turn this on for a shared computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="116" />
        <source>Show recently opened vaults</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="117" />
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="118" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/statusbar.py" line="65" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="66" />
        <source>Cancel the running task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="67" />
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="78" />
        <source>Timestamps: checking…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/statusbar.py" line="80" />
        <source>Timestamps: %n pending</source>
        <translation><numerusform>Timestamps: %n pending</numerusform><numerusform>Timestamps: %n pending</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="85" />
        <source>Time-stamp servers unreachable since %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="92" />
        <source>Network: online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="93" />
        <source>Network: offline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="94" />
        <source>Network: unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="97" />
        <source>Last verify: not run yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="100" />
        <source>Last verify: passed %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="104" />
        <source>Last verify: PROBLEMS FOUND %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Takedowns</name>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="41" />
        <source>drafted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="42" />
        <source>submitted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="43" />
        <source>acknowledged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="44" />
        <source>removed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="45" />
        <source>refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="46" />
        <source>partly removed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="47" />
        <source>reappeared</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="48" />
        <source>still up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="49" />
        <source>gone (404/410)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="50" />
        <source>'not found' page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="51" />
        <source>behind a login</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="52" />
        <source>block page (not a removal)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="53" />
        <source>could not be checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="54" />
        <location filename="../../app/ui/takedowns_view.py" line="55" />
        <source>not checked yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="62" />
        <source>Deadline passed: re-check, remind the platform, or call 1377 / 02-735-8994.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="67" />
        <source>Write the notice, send it yourself, then record 'submitted'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="70" />
        <location filename="../../app/ui/takedowns_view.py" line="73" />
        <source>Wait for the platform; re-check the addresses.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="76" />
        <source>Re-check now and then: a re-upload shows as reappeared.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="79" />
        <source>Re-check; make a new request for the addresses still up.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="82" />
        <source>Try another basis or a referral route (1377, 02-735-8994, 1366).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="85" />
        <source>Capture the re-upload, then make a new request.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TakedownsDialog</name>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="173" />
        <source>Takedowns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="174" />
        <location filename="../../app/ui/takedowns_view.py" line="190" />
        <source>Takedown requests</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="175" />
        <location filename="../../app/ui/takedowns_view.py" line="191" />
        <source>Where the material was seen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="178" />
        <source>No.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="179" />
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Platform</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="180" />
        <source>Basis</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="181" />
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="182" />
        <source>Reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="183" />
        <source>Deadline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="184" />
        <source>Next step</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Last checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="193" />
        <source>Column headings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="199" />
        <source>New status of the selected request</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="200" />
        <source>Platform's reference number (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="201" />
        <source>Platform's reference number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="202" />
        <source>Note (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="203" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="204" />
        <source>Record status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="205" />
        <source>Language of the notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="206" />
        <source>Write notice…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="209" />
        <source>Write the selected request's notice to a file (.txt, .eml or .pdf); it is not sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="212" />
        <source>Re-check now (page only, no images)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="213" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="236" />
        <source>%1 (overdue)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="256" />
        <source>%1 address(es), %2 request(s).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="261" />
        <source>%1 request(s) past their deadline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="262" />
        <source>Nothing is sent from here: you submit each notice yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="285" />
        <source>Status recorded in the custody log.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="309" />
        <source>Write notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="311" />
        <source>Text (*.txt);;Email draft (*.eml);;PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="333" />
        <source>Notice written to %1. It was not sent: fill in the blanks and submit it yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="357" />
        <source>Re-checking: only each page itself is fetched, no images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="364" />
        <source>%1 address(es) checked, %2 gone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="376" />
        <source>Re-check</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Timestamps</name>
    <message>
        <location filename="../../app/ui/stamps.py" line="25" />
        <source>unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="29" />
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="34" />
        <source>Stamped by %1 at %2 (proves the item existed by then)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="42" />
        <source>and %1 more token(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="45" />
        <source>Stamped %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="47" />
        <source>Pending (retrying)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="49" />
        <source>Pending: the last attempt failed (%1); it is retried automatically.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="52" />
        <source>Pending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="52" />
        <source>Pending: it will be stamped when a time-stamp authority is reachable.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="247" />
        <location filename="../../app/ui/unlock_window.py" line="248" />
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="247" />
        <location filename="../../app/ui/unlock_window.py" line="248" />
        <source>Evidence Locker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="251" />
        <source>Before you start: if this computer is shared, monitored or may have stalkerware on it, someone may see what you do here. If you can, use a device only you control. The app locks itself when idle; F12 hides it at once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="256" />
        <source>Got it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="257" />
        <location filename="../../app/ui/unlock_window.py" line="348" />
        <source>Open a vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="258" />
        <location filename="../../app/ui/unlock_window.py" line="360" />
        <source>Create a vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="259" />
        <location filename="../../app/ui/unlock_window.py" line="371" />
        <source>Receive a bundle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="260" />
        <location filename="../../app/ui/unlock_window.py" line="291" />
        <source>Vault file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="261" />
        <location filename="../../app/ui/unlock_window.py" line="264" />
        <location filename="../../app/ui/unlock_window.py" line="280" />
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="262" />
        <location filename="../../app/ui/unlock_window.py" line="281" />
        <location filename="../../app/ui/unlock_window.py" line="292" />
        <source>Passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="263" />
        <location filename="../../app/ui/unlock_window.py" line="293" />
        <source>Bundle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="265" />
        <location filename="../../app/ui/unlock_window.py" line="267" />
        <source>Bundle passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="266" />
        <source>Only if it was sealed with a passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="268" />
        <source>Unlock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="271" />
        <source>A bundle is received into a vault you already have: choose that vault and enter its passphrase. No vault yet? Create one first; the bundle is received into it right after.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="276" />
        <source>Create a vault first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="277" />
        <source>Open another vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="279" />
        <location filename="../../app/ui/unlock_window.py" line="294" />
        <source>New vault file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="282" />
        <source>Repeat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="285" />
        <source>Nobody can recover a forgotten passphrase, not even us: without it the evidence cannot be opened. Write it down somewhere safe.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="289" />
        <source>Create vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="295" />
        <source>New passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="296" />
        <source>Repeat passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="299" />
        <source>Passphrase strength</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="300" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="301" />
        <source>Safety note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="326" />
        <source>Create your vault; the bundle is received into it next.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="328" />
        <source>Create your vault, then receive the bundle.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="350" />
        <source>Vaults (*.locker);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="362" />
        <source>Vaults (*.locker)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="373" />
        <source>All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="385" />
        <source>Opening…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="390" />
        <source>Choose the vault file first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="404" />
        <source>Enter the passphrase.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="415" />
        <source>Weak: add more words</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="416" />
        <source>Fair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="417" />
        <source>Good</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="418" />
        <source>Strong</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="421" />
        <source>Several unrelated words make a strong passphrase.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="427" />
        <source>Choose where to keep the new vault.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="429" />
        <source>This passphrase is too easy to guess. Add more words.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="431" />
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="448" />
        <source>The passphrase is not right.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="451" />
        <source>The passphrase is not right. Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/unlock_window.py" line="457" />
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation><numerusform>Too many attempts. Try again in %n second.</numerusform><numerusform>Too many attempts. Try again in %n seconds.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/unlock_window.py" line="515" />
        <source>Locked after %n minute(s) without use.</source>
        <translation><numerusform>Locked after %n minute without use.</numerusform><numerusform>Locked after %n minutes without use.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="520" />
        <source>Locked because the computer was locked or went to sleep.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="522" />
        <source>Locked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="526" />
        <source>Your evidence is safe in the vault; enter the passphrase to open it again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="177" />
        <source>Vault verification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="180" />
        <source>Everything holds: every file, the custody history and the vault structure were checked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="185" />
        <source>Problems were found. Nothing was changed; keep this report and a backup, and ask for help before doing anything else.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="189" />
        <source>Verification report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="190" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
