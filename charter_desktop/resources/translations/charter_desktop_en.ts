<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="+17" />
        <source>About Charter Desktop</source>
        <translation>About Charter Desktop</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Pledges to the {0}.</source>
        <translation>Pledges to the {0}.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Data folder: {0}
Database: {1}
Log folder: {2}</source>
        <translation>Data folder: {0}
Database: {1}
Log folder: {2}</translation>
    </message>
</context>
<context>
    <name>AboutYouScreen</name>
    <message>
        <location filename="../../ui/kiosk/about_you.py" line="+38" />
        <source>About you</source>
        <translation>About you</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Your name (required)</source>
        <translation>Your name (required)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>As you would like it on your certificate.</source>
        <translation>As you would like it on your certificate.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Email address (optional)</source>
        <translation>Email address (optional)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone number (optional)</source>
        <translation>Phone number (optional)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Postcode (optional)</source>
        <translation>Postcode (optional)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Helps the council see where pledges come from.</source>
        <translation>Helps the council see where pledges come from.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Contact me about my pledge and the charter, by the email or phone I gave.</source>
        <translation>Contact me about my pledge and the charter, by the email or phone I gave.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Show my name on the pledge wall.</source>
        <translation>Show my name on the pledge wall.</translation>
    </message>
</context>
<context>
    <name>AlreadyRunning</name>
    <message>
        <location filename="../../ui/already_running.py" line="+28" />
        <source>The kiosk that is open keeps taking pledges. Staff reach it with the staff PIN (the corner mark, or Ctrl+Alt+S). This message closes by itself.</source>
        <translation>The kiosk that is open keeps taking pledges. Staff reach it with the staff PIN (the corner mark, or Ctrl+Alt+S). This message closes by itself.</translation>
    </message>
    <message>
        <location line="+19" />
        <source>The data folder {0} cannot be used: {1}</source>
        <translation>The data folder {0} cannot be used: {1}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="+59" />
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Insight</source>
        <translation>Insight</translation>
    </message>
    <message>
        <location filename="../../ui/start_checks.py" line="+103" />
        <source>No pledges can be taken until the database is restored. Make a rescue copy for support now (on a USB stick), then restore the newest backup.</source>
        <translation>No pledges can be taken until the database is restored. Make a rescue copy for support now (on a USB stick), then restore the newest backup.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Make a rescue copy…</source>
        <translation>Make a rescue copy…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Where to put the rescue copy</source>
        <translation>Where to put the rescue copy</translation>
    </message>
    <message>
        <location line="+7" />
        <source>No copy was made: {0}</source>
        <translation>No copy was made: {0}</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The database files were copied, unchanged, to {0}</source>
        <translation>The database files were copied, unchanged, to {0}</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <location filename="../../ui/staff/backup_page.py" line="+35" />
        <source>While it runs, the app backs the database up whenever the newest backup is an hour old (it looks shortly after it starts, then every 10 minutes), keeping the newest {0}; each backup is checked before it is kept. To restore one, close the app and follow the README's Backups section.</source>
        <translation>While it runs, the app backs the database up whenever the newest backup is an hour old (it looks shortly after it starts, then every 10 minutes), keeping the newest {0}; each backup is checked before it is kept. To restore one, close the app and follow the README's Backups section.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Back up to a file…</source>
        <translation>Back up to a file…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A backup to a USB stick</source>
        <translation>A backup to a USB stick</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Made</source>
        <translation>Made</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+0" />
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Rolling backups</source>
        <translation>Rolling backups</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Back up to a file</source>
        <translation>Back up to a file</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Backups (*.sqlite3)</source>
        <translation>Backups (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Backing up…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Backed up to {0} ({1:.1f} MB, integrity check ok).</source>
        <translation>Backed up to {0} ({1:.1f} MB, integrity check ok).</translation>
    </message>
    <message>
        <location line="+9" />
        <source>⚠ The backup failed: {0}</source>
        <translation>⚠ The backup failed: {0}</translation>
    </message>
</context>
<context>
    <name>BalanceSheetModel</name>
    <message>
        <location filename="../../ui/insight/balance_model.py" line="+19" />
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Benefit</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Measure</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledged</source>
        <translation>Pledged</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledges</source>
        <translation>Pledges</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Whole town</source>
        <translation>Whole town</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Individual pledgers</source>
        <translation>Individual pledgers</translation>
    </message>
</context>
<context>
    <name>CertificateActions</name>
    <message>
        <location filename="../../ui/certificate_actions.py" line="+57" />
        <source>Printing failed</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{0}

Save the certificate as a PDF instead?</source>
        <translation>{0}

Save the certificate as a PDF instead?</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Save the certificate</source>
        <translation>Save the certificate</translation>
    </message>
    <message>
        <location line="+2" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Printing</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The certificate went to {0}.</source>
        <translation>The certificate went to {0}.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
</context>
<context>
    <name>CertificatePreview</name>
    <message>
        <location filename="../../ui/print_preview.py" line="+43" />
        <location line="+33" />
        <source>Print certificates</source>
        <translation>Print certificates</translation>
    </message>
    <message numerus="yes">
        <location line="-26" />
        <source>%n certificate(s)</source>
        <translation>
            <numerusform>%n certificate</numerusform><numerusform>%n certificates</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Save PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Printing failed</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1

Save the certificates as a PDF instead?</source>
        <translation>%1

Save the certificates as a PDF instead?</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Save certificates</source>
        <translation>Save certificates</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>ChooseScreen</name>
    <message>
        <location filename="../../ui/kiosk/choose.py" line="+20" />
        <source>What will you do?</source>
        <translation>What will you do?</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Tap as many actions as you like, or write your own below.</source>
        <translation>Tap as many actions as you like, or write your own below.</translation>
    </message>
    <message numerus="yes">
        <location line="+56" />
        <source>{0} of %n character(s) left</source>
        <translation>
            <numerusform>{0} of %n character left</numerusform><numerusform>{0} of %n characters left</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>You have reached the limit of %n character(s)</source>
        <translation>
            <numerusform>You have reached the limit of %n character</numerusform><numerusform>You have reached the limit of %n characters</numerusform></translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../ui/enrol_dialog.py" line="+107" />
        <location line="+4" />
        <source>Set up from a kiosk pack</source>
        <translation>Set up from a kiosk pack</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The council's hub makes a kiosk pack for each kiosk: a file to bring on a USB stick, or a one-time code to type here with the hub's address. It sets this kiosk's event, its hub and the council key, so no passphrase is chosen here. The staff PIN is still chosen on this kiosk.</source>
        <translation>The council's hub makes a kiosk pack for each kiosk: a file to bring on a USB stick, or a one-time code to type here with the hub's address. It sets this kiosk's event, its hub and the council key, so no passphrase is chosen here. The staff PIN is still chosen on this kiosk.</translation>
    </message>
    <message>
        <location line="+19" />
        <location line="+2" />
        <source>Staff passphrase</source>
        <translation>Staff passphrase</translation>
    </message>
    <message>
        <location line="+15" />
        <source>From a USB stick</source>
        <translation>From a USB stick</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose the pack file…</source>
        <translation>Choose the pack file…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choose the kiosk pack file</source>
        <translation>Choose the kiosk pack file</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+73" />
        <source>No file chosen</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location line="-65" />
        <source>Or over the network, with the one-time code</source>
        <translation>Or over the network, with the one-time code</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+5" />
        <source>Hub address</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <location line="-2" />
        <location line="+3" />
        <source>One-time code</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel: set nothing up</source>
        <translation>Cancel: set nothing up</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+2" />
        <location line="+49" />
        <location line="+1" />
        <source>Set up this kiosk</source>
        <translation>Set up this kiosk</translation>
    </message>
    <message>
        <location line="-47" />
        <source>Next: choose the staff PIN</source>
        <translation>Next: choose the staff PIN</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+17" />
        <source>The kiosk pack file</source>
        <translation>The kiosk pack file</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Kiosk packs (*.json *.pack)</source>
        <translation>Kiosk packs (*.json *.pack)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Any file (*)</source>
        <translation>Any file (*)</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Chosen pack file: {0}</source>
        <translation>Chosen pack file: {0}</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Choose the pack file, or type the hub's address and the code.</source>
        <translation>Choose the pack file, or type the hub's address and the code.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Type the hub's address, like https://192.168.1.10:8750</source>
        <translation>Type the hub's address, like https://192.168.1.10:8750</translation>
    </message>
    <message>
        <location line="+107" />
        <source>The hub was not reached yet: the kiosk takes pledges now, and its first sync with the hub completes the set-up.</source>
        <translation>The hub was not reached yet: the kiosk takes pledges now, and its first sync with the hub completes the set-up.</translation>
    </message>
    <message>
        <location line="-104" />
        <source>Type the one-time code the hub gave, like ABCD-EFGH-JK</source>
        <translation>Type the one-time code the hub gave, like ABCD-EFGH-JK</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Setting up this kiosk…</source>
        <translation>Setting up this kiosk…</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Move this kiosk</source>
        <translation>Move this kiosk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move this kiosk to the pack's hub</source>
        <translation>Move this kiosk to the pack's hub</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This kiosk is set up with another hub. To move it to the hub that made this pack, type the staff passphrase and press “Move this kiosk”.</source>
        <translation>This kiosk is set up with another hub. To move it to the hub that made this pack, type the staff passphrase and press “Move this kiosk”.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>This kiosk is set up with another hub. Press “Move this kiosk” to move it to the hub that made this pack.</source>
        <translation>This kiosk is set up with another hub. Press “Move this kiosk” to move it to the hub that made this pack.</translation>
    </message>
    <message>
        <location line="+36" />
        <source>This kiosk is set up as “{0}” for {1}, with the hub at {2}.</source>
        <translation>This kiosk is set up as “{0}” for {1}, with the hub at {2}.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>From the kiosk pack file {0}.</source>
        <translation>From the kiosk pack file {0}.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>From the kiosk pack the hub gave for the one-time code.</source>
        <translation>From the kiosk pack the hub gave for the one-time code.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Attendees' details are sealed to the council's key.</source>
        <translation>Attendees' details are sealed to the council's key.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Next, choose the staff PIN for this kiosk.</source>
        <translation>Next, choose the staff PIN for this kiosk.</translation>
    </message>
</context>
<context>
    <name>EventFigure</name>
    <message>
        <location filename="../../ui/staff/event_figure.py" line="+50" />
        <source>Event total {0} (this kiosk {1})</source>
        <translation>Event total {0} (this kiosk {1})</translation>
    </message>
    <message>
        <location line="+5" />
        <source>{0}: the hub has not been reached yet, so this counts this kiosk's pledges only.</source>
        <translation>{0}: the hub has not been reached yet, so this counts this kiosk's pledges only.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>{0}: hub not reached since {1}; counting this kiosk's new pledges on top.</source>
        <translation>{0}: hub not reached since {1}; counting this kiosk's new pledges on top.</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>{0}, from the hub as of {1}, %n second(s) ago.</source>
        <translation>
            <numerusform>{0}, from the hub as of {1}, %n second ago.</numerusform><numerusform>{0}, from the hub as of {1}, %n seconds ago.</numerusform></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../ui/staff/setup_pages.py" line="+100" />
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Take pledges for this event</source>
        <translation>Take pledges for this event</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changing the event</source>
        <translation>Changing the event</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledge target</source>
        <translation>Pledge target</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Create event</source>
        <translation>Create event</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Creating an event</source>
        <translation>Creating an event</translation>
    </message>
    <message>
        <location line="+11" />
        <source>  ← current</source>
        <translation>  ← current</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Created {name}.</source>
        <translation>Created {name}.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Pledges now go to {name}.</source>
        <translation>Pledges now go to {name}.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Kiosk settings</source>
        <translation>Kiosk settings</translation>
    </message>
    <message>
        <location line="+4" />
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+2" />
        <source>System default printer</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Automatic: show it until someone types on a keyboard</source>
        <translation>Automatic: show it until someone types on a keyboard</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Always show it</source>
        <translation>Always show it</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Never show it</source>
        <translation>Never show it</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changing the kiosk's settings</source>
        <translation>Changing the kiosk's settings</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Print spool</source>
        <translation>Print spool</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Idle timeout</source>
        <translation>Idle timeout</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certificate URL</source>
        <translation>Certificate URL</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On-screen keyboard</source>
        <translation>On-screen keyboard</translation>
    </message>
    <message>
        <location line="+13" />
        <source>No CUPS print system answered (none here, or not running): not checked.</source>
        <translation>No CUPS print system answered (none here, or not running): not checked.</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Settings saved.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Change PIN</source>
        <translation>Change PIN</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changing the staff PIN</source>
        <translation>Changing the staff PIN</translation>
    </message>
    <message>
        <location line="+3" />
        <source>New PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Repeat</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The two PINs differ.</source>
        <translation>The two PINs differ.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>PIN changed.</source>
        <translation>PIN changed.</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../../ui/staff/file_pages.py" line="+155" />
        <source>Only pledges made on</source>
        <translation>Only pledges made on</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Include contact details of people who did not consent to contact</source>
        <translation>Include contact details of people who did not consent to contact</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Exporting pledges</source>
        <translation>Exporting pledges</translation>
    </message>
    <message>
        <location line="+11" />
        <source>All events</source>
        <translation>All events</translation>
    </message>
    <message>
        <location line="+7" />
        <source>This file WILL hold email and phone of people who did not consent to be contacted: keep it for the council's own records only.</source>
        <translation>This file WILL hold email and phone of people who did not consent to be contacted: keep it for the council's own records only.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Email and phone appear only for people who consented to contact.</source>
        <translation>Email and phone appear only for people who consented to contact.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Export pledges</source>
        <translation>Export pledges</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Exporting to {path}…</source>
        <translation>Exporting to {path}…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Could not write {path}: {why}</source>
        <translation>Could not write {path}: {why}</translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Exported %n pledge(s) to {path}</source>
        <translation>
            <numerusform>Exported %n pledge to {path}</numerusform><numerusform>Exported %n pledges to {path}</numerusform></translation>
    </message>
    <message>
        <location line="+10" />
        <source>Nothing was exported: {why}</source>
        <translation>Nothing was exported: {why}</translation>
    </message>
</context>
<context>
    <name>FieldMessages</name>
    <message>
        <location filename="../../ui/kiosk/messages.py" line="+11" />
        <source>Please enter a number of zero or more, or leave this empty.</source>
        <translation>Please enter a number of zero or more, or leave this empty.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This number is larger than we expected; please check it.</source>
        <translation>This number is larger than we expected; please check it.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Please enter a number, or leave this empty.</source>
        <translation>Please enter a number, or leave this empty.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Please remove the special characters from this field.</source>
        <translation>Please remove the special characters from this field.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This is too long; please shorten it.</source>
        <translation>This is too long; please shorten it.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Please enter a name to show on your certificate.</source>
        <translation>Please enter a name to show on your certificate.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Please choose who you are pledging as.</source>
        <translation>Please choose who you are pledging as.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Please choose at least one action, or write your pledge in your own words.</source>
        <translation>Please choose at least one action, or write your pledge in your own words.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>To keep your email address, tick “Contact me” below, or clear the email.</source>
        <translation>To keep your email address, tick “Contact me” below, or clear the email.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This is not an email address. It should look like name@example.org.</source>
        <translation>This is not an email address. It should look like name@example.org.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>To keep your phone number, tick “Contact me” below, or clear the number.</source>
        <translation>To keep your phone number, tick “Contact me” below, or clear the number.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This is not a phone number. Use digits, spaces and + ( ) - only.</source>
        <translation>This is not a phone number. Use digits, spaces and + ( ) - only.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>This is not a UK postcode. It should look like SG1 1HN.</source>
        <translation>This is not a UK postcode. It should look like SG1 1HN.</translation>
    </message>
</context>
<context>
    <name>FlowWindow</name>
    <message>
        <location filename="../../ui/kiosk/flow.py" line="+112" />
        <source>Step {0} of {1}</source>
        <translation>Step {0} of {1}</translation>
    </message>
    <message>
        <location line="+104" />
        <source>Sorry, this pledge could not be saved. Please ask a member of staff.</source>
        <translation>Sorry, this pledge could not be saved. Please ask a member of staff.</translation>
    </message>
</context>
<context>
    <name>HubWall</name>
    <message>
        <location filename="../../ui/insight/hub_wall.py" line="+28" />
        <source>A pledge in their own words</source>
        <translation>A pledge in their own words</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/kiosk/idle.py" line="+189" />
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location line="+6" />
        <location line="+2" />
        <source>I'm still here</source>
        <translation>I'm still here</translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>To keep your details private, the kiosk will clear them and start again in %n second(s).</source>
        <translation>
            <numerusform>To keep your details private, the kiosk will clear them and start again in %n second.</numerusform><numerusform>To keep your details private, the kiosk will clear them and start again in %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>InsightDashboard</name>
    <message>
        <location filename="../../ui/insight/dashboard.py" line="+88" />
        <source>Pledges by who is pledging</source>
        <translation>Pledges by who is pledging</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledges by benefit</source>
        <translation>Pledges by benefit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledges by charter action</source>
        <translation>Pledges by charter action</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledges by postcode district</source>
        <translation>Pledges by postcode district</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledges over time</source>
        <translation>Pledges over time</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+18" />
        <source>Community balance sheet</source>
        <translation>Community balance sheet</translation>
    </message>
    <message>
        <location line="-17" />
        <source>Save balance sheet…</source>
        <translation>Save balance sheet…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save balance sheet</source>
        <translation>Save balance sheet</translation>
    </message>
    <message>
        <location line="+7" />
        <source>What pledgers said they will do, added up for the whole town and for each organisation (shares of spend are averaged).</source>
        <translation>What pledgers said they will do, added up for the whole town and for each organisation (shares of spend are averaged).</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Insight</source>
        <translation>Insight</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Which pledges</source>
        <translation>Which pledges</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This event</source>
        <translation>This event</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All events</source>
        <translation>All events</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+3" />
        <source>What the pledge wall shows</source>
        <translation>What the pledge wall shows</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This kiosk's pledges</source>
        <translation>This kiosk's pledges</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The whole event (from the hub)</source>
        <translation>The whole event (from the hub)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Open the pledge wall</source>
        <translation>Open the pledge wall</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Make impact report…</source>
        <translation>Make impact report…</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Not updated: {0}</source>
        <translation>Not updated: {0}</translation>
    </message>
    <message>
        <location line="+6" />
        <source>all events</source>
        <translation>all events</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n pledge(s) today · {0} of {1} for {2}</source>
        <translation>
            <numerusform>%n pledge today · {0} of {1} for {2}</numerusform><numerusform>%n pledges today · {0} of {1} for {2}</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>{0} of %n pledge(s) ({1}%)</source>
        <translation>
            <numerusform>{0} of %n pledge ({1}%)</numerusform><numerusform>{0} of %n pledges ({1}%)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+27" />
        <source>%n pledge(s) gave a measure; {0} agreed to show their name.</source>
        <translation>
            <numerusform>%n pledge gave a measure; {0} agreed to show their name.</numerusform><numerusform>%n pledges gave a measure; {0} agreed to show their name.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+54" />
        <source>Balance sheet saved: {0} (%n line(s))</source>
        <translation>
            <numerusform>Balance sheet saved: {0} (%n line)</numerusform><numerusform>Balance sheet saved: {0} (%n lines)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>Impact report saved: {0} (%n page(s))</source>
        <translation>
            <numerusform>Impact report saved: {0} (%n page)</numerusform><numerusform>Impact report saved: {0} (%n pages)</numerusform></translation>
    </message>
    <message>
        <location line="-102" />
        <source>No pledges yet</source>
        <translation>No pledges yet</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Own words only</source>
        <translation>Own words only</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Not given</source>
        <translation>Not given</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Pledges per hour</source>
        <translation>Pledges per hour</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Pledges per day</source>
        <translation>Pledges per day</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Save the balance sheet</source>
        <translation>Save the balance sheet</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Spreadsheet (*.xlsx);;CSV (*.csv)</source>
        <translation>Spreadsheet (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The balance sheet was not saved: {0}</source>
        <translation>The balance sheet was not saved: {0}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Save the impact report</source>
        <translation>Save the impact report</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Making the impact report…</source>
        <translation>Making the impact report…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The impact report was not made: {0}</source>
        <translation>The impact report was not made: {0}</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/kiosk/staff_access.py" line="+44" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/kiosk/window.py" line="+163" />
        <source>Sorry, your pledge could not be saved just now. Nothing you typed is lost: please tap “Confirm my pledge” again, or ask a member of staff.</source>
        <translation>Sorry, your pledge could not be saved just now. Nothing you typed is lost: please tap “Confirm my pledge” again, or ask a member of staff.</translation>
    </message>
    <message>
        <location line="+65" />
        <source>{0}, every kiosk together</source>
        <translation>{0}, every kiosk together</translation>
    </message>
</context>
<context>
    <name>MailPage</name>
    <message>
        <location filename="../../ui/staff/mail_page.py" line="+44" />
        <source>Attendees who asked for their certificate by email, and agreed to be contacted, wait here until the kiosk can reach the council's mail server.</source>
        <translation>Attendees who asked for their certificate by email, and agreed to be contacted, wait here until the kiosk can reach the council's mail server.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The council's mail server</source>
        <translation>The council's mail server</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Security</source>
        <translation>Security</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Login name</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sender address</source>
        <translation>Sender address</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sender name</source>
        <translation>Sender name</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Save mail settings</source>
        <translation>Save mail settings</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changing the mail server</source>
        <translation>Changing the mail server</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Send waiting emails now</source>
        <translation>Send waiting emails now</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sending certificate emails</source>
        <translation>Sending certificate emails</translation>
    </message>
    <message>
        <location line="+19" />
        <source>stored: type a new one to replace it</source>
        <translation>stored: type a new one to replace it</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Not saved: {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Mail settings saved.</source>
        <translation>Mail settings saved.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Waiting {0} · sent {1} · failed {2}</source>
        <translation>Waiting {0} · sent {1} · failed {2}</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>⚠ {0}</source>
        <translation>⚠ {0}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Sent {0}; {1} failed; {2} no longer wanted.</source>
        <translation>Sent {0}; {1} failed; {2} no longer wanted.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>⚠ Sending stopped: {0}</source>
        <translation>⚠ Sending stopped: {0}</translation>
    </message>
</context>
<context>
    <name>MeasureField</name>
    <message>
        <location filename="../../ui/kiosk/measure_field.py" line="+29" />
        <source>Optional: {0}</source>
        <translation>Optional: {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{0} (optional)</source>
        <translation>{0} (optional)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A number up to {0:g} {1}</source>
        <translation>A number up to {0:g} {1}</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../ui/kiosk/keyboard.py" line="+85" />
        <source>On-screen keyboard</source>
        <translation>On-screen keyboard</translation>
    </message>
    <message>
        <location line="+96" />
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location line="+1" />
        <source>hyphen</source>
        <translation>hyphen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>apostrophe</source>
        <translation>apostrophe</translation>
    </message>
    <message>
        <location line="+1" />
        <source>at sign</source>
        <translation>at sign</translation>
    </message>
    <message>
        <location line="+1" />
        <source>full stop</source>
        <translation>full stop</translation>
    </message>
    <message>
        <location line="+1" />
        <source>underscore</source>
        <translation>underscore</translation>
    </message>
    <message>
        <location line="+1" />
        <source>plus</source>
        <translation>plus</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Backspace</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+8" />
        <source>Hide keyboard</source>
        <translation>Hide keyboard</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Next field</source>
        <translation>Next field</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Plain letters</source>
        <translation>Plain letters</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Accented letters</source>
        <translation>Accented letters</translation>
    </message>
    <message>
        <location line="+3" />
        <source>space</source>
        <translation>space</translation>
    </message>
</context>
<context>
    <name>PaperPage</name>
    <message>
        <location filename="../../ui/staff/file_pages.py" line="-197" />
        <source>Type paper pledge cards into a copy of the template (one row per card, actions as ids separated by ;), save it as CSV UTF-8, then import it. Valid rows count toward the current event; rejected rows are listed and not stored.</source>
        <translation>Type paper pledge cards into a copy of the template (one row per card, actions as ids separated by ;), save it as CSV UTF-8, then import it. Valid rows count toward the current event; rejected rows are listed and not stored.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Save the template…</source>
        <translation>Save the template…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import a CSV…</source>
        <translation>Import a CSV…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Why it was rejected</source>
        <translation>Why it was rejected</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Save the template</source>
        <translation>Save the template</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+7" />
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Import paper pledges</source>
        <translation>Import paper pledges</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Importing {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Stored {0}; {1} rejected.</source>
        <translation>Stored {0}; {1} rejected.</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n paper pledge(s)</source>
        <translation>
            <numerusform>%n paper pledge</numerusform><numerusform>%n paper pledges</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
    <message>
        <location line="+13" />
        <source>Nothing was imported: {why}</source>
        <translation>Nothing was imported: {why}</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/kiosk/staff_access.py" line="+41" />
        <location line="+8" />
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Staff only: enter the staff PIN</source>
        <translation>Staff only: enter the staff PIN</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+1" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+2" />
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Staff passphrase</source>
        <translation>Staff passphrase</translation>
    </message>
    <message>
        <location line="+29" />
        <source>That PIN is not right. Please try again.</source>
        <translation>That PIN is not right. Please try again.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Staff only: enter the staff passphrase</source>
        <translation>Staff only: enter the staff passphrase</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Too many wrong PINs in a row. Type the staff passphrase to open the staff area.</source>
        <translation>Too many wrong PINs in a row. Type the staff passphrase to open the staff area.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>That passphrase is not right.</source>
        <translation>That passphrase is not right.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>That PIN is not right. Too many tries: wait {0} s before the next.</source>
        <translation>That PIN is not right. Too many tries: wait {0} s before the next.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>You can try the PIN again.</source>
        <translation>You can try the PIN again.</translation>
    </message>
</context>
<context>
    <name>PledgeCard</name>
    <message>
        <location filename="../../ui/insight/wall.py" line="+60" />
        <source>… and {0} more</source>
        <translation>… and {0} more</translation>
    </message>
</context>
<context>
    <name>PledgeDialog</name>
    <message>
        <location filename="../../ui/staff/pledge_dialog.py" line="+56" />
        <source>Pledge</source>
        <translation>Pledge</translation>
    </message>
    <message>
        <location line="+28" />
        <source>May be contacted</source>
        <translation>May be contacted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name may be published</source>
        <translation>Name may be published</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledger</source>
        <translation>Pledger</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Measures</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Own words</source>
        <translation>Own words</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+2" />
        <location line="+159" />
        <source>Withdraw consent</source>
        <translation>Withdraw consent</translation>
    </message>
    <message>
        <location line="-160" />
        <source>Withdraw consent to contact</source>
        <translation>Withdraw consent to contact</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Withdraw consent to publish the name</source>
        <translation>Withdraw consent to publish the name</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Save correction</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Erase personal data…</source>
        <translation>Erase personal data…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+35" />
        <source>erased on request</source>
        <translation>erased on request</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Made {when} · {status}</source>
        <translation>Made {when} · {status}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reinstate</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Withdraw</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+15" />
        <source>contact</source>
        <translation>contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>name published</source>
        <translation>name published</translation>
    </message>
    <message>
        <location line="+5" />
        <source>, notice {0}</source>
        <translation>, notice {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{when} {kind}{notice}: {ticked}</source>
        <translation>{when} {kind}{notice}: {ticked}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+3" />
        <source>no record</source>
        <translation>no record</translation>
    </message>
    <message>
        <location line="+63" />
        <source>Withdraw consent to contact? The email address and phone number are removed.</source>
        <translation>Withdraw consent to contact? The email address and phone number are removed.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Erase this person's name, organisation, contact details, postcode and own words for good? The pledge is withdrawn and cannot be restored.</source>
        <translation>Erase this person's name, organisation, contact details, postcode and own words for good? The pledge is withdrawn and cannot be restored.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Erase personal data</source>
        <translation>Erase personal data</translation>
    </message>
</context>
<context>
    <name>PledgeTableModel</name>
    <message>
        <location filename="../../ui/staff/pledge_model.py" line="+120" />
        <source> + own words</source>
        <translation> + own words</translation>
    </message>
    <message>
        <location line="+3" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+2" />
        <source>erased</source>
        <translation>erased</translation>
    </message>
    <message>
        <location line="+2" />
        <source>withdrawn</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <location line="+0" />
        <source>active</source>
        <translation>active</translation>
    </message>
</context>
<context>
    <name>PledgeWall</name>
    <message>
        <location filename="../../ui/insight/wall.py" line="+27" />
        <source>Pledge wall</source>
        <translation>Pledge wall</translation>
    </message>
    <message>
        <location line="+38" />
        <source>The whole event, from the hub: waiting for its answer…</source>
        <translation>The whole event, from the hub: waiting for its answer…</translation>
    </message>
    <message>
        <location line="+47" />
        <source>The whole event, from the hub, as of {0}</source>
        <translation>The whole event, from the hub, as of {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The whole event, from the hub</source>
        <translation>The whole event, from the hub</translation>
    </message>
    <message>
        <location line="+8" />
        <source>⚠ The hub has not answered since {0} ({1}): the figures are from then.</source>
        <translation>⚠ The hub has not answered since {0} ({1}): the figures are from then.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>⚠ The hub has not answered yet ({0}).</source>
        <translation>⚠ The hub has not answered yet ({0}).</translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n pledge(s) so far · target {0}</source>
        <translation>
            <numerusform>%n pledge so far · target {0}</numerusform><numerusform>%n pledges so far · target {0}</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>{0}% of our target of {1}</source>
        <translation>{0}% of our target of {1}</translation>
    </message>
</context>
<context>
    <name>PledgesPage</name>
    <message>
        <location filename="../../ui/staff/pledges_page.py" line="+59" />
        <location line="+177" />
        <source>Search names, organisations and own words</source>
        <translation>Search names, organisations and own words</translation>
    </message>
    <message>
        <location line="-166" />
        <source>On day</source>
        <translation>On day</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledger</source>
        <translation>Pledger</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Benefit</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Council</source>
        <translation>Council</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Open pledge…</source>
        <translation>Open pledge…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Preview certificates</source>
        <translation>Preview certificates</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reprint certificate</source>
        <translation>Reprint certificate</translation>
    </message>
    <message>
        <location line="+40" />
        <location line="+3" />
        <location line="+5" />
        <location line="+8" />
        <location line="+6" />
        <location line="+19" />
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <location line="-32" />
        <source>May be contacted</source>
        <translation>May be contacted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not to be contacted</source>
        <translation>Not to be contacted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name may be published</source>
        <translation>Name may be published</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name not published</source>
        <translation>Name not published</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+5" />
        <source>At the council</source>
        <translation>At the council</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not yet sent</source>
        <translation>Not yet sent</translation>
    </message>
    <message>
        <location line="+8" />
        <source>All events</source>
        <translation>All events</translation>
    </message>
    <message>
        <location line="+53" />
        <source>Locked: search covers organisations, own words and published names; unlock to search every name</source>
        <translation>Locked: search covers organisations, own words and published names; unlock to search every name</translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%Ln pledge(s)</source>
        <translation>
            <numerusform>%Ln pledge</numerusform><numerusform>%Ln pledges</numerusform></translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <location filename="../../ui/privacy_dialogs.py" line="+43" />
        <source>The attendees' details are locked. Unlock them with the staff passphrase (Privacy page in the console), then try again.</source>
        <translation>The attendees' details are locked. Unlock them with the staff passphrase (Privacy page in the console), then try again.</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <location filename="../../ui/staff/privacy_page.py" line="+40" />
        <source>Personal data (name, organisation, contact details, postcode, own words) is removed from this kiosk a set number of days after the council received the pledge; the pledge still counts. 0 keeps it until staff erase it. The app checks when it starts and once a day.</source>
        <translation>Personal data (name, organisation, contact details, postcode, own words) is removed from this kiosk a set number of days after the council received the pledge; the pledge still counts. 0 keeps it until staff erase it. The app checks when it starts and once a day.</translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform><numerusform> days</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>keep (off)</source>
        <translation>keep (off)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Retention in days</source>
        <translation>Retention in days</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Changing how long details are kept</source>
        <translation>Changing how long details are kept</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Remove personal data after</source>
        <translation>Remove personal data after</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Pledges due now</source>
        <translation>Pledges due now</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last run</source>
        <translation>Last run</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Remove due personal data now</source>
        <translation>Remove due personal data now</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Removing details now</source>
        <translation>Removing details now</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Unlock…</source>
        <translation>Unlock…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Lock now</source>
        <translation>Lock now</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Set up encryption…</source>
        <translation>Set up encryption…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Encrypt pledges stored in clear</source>
        <translation>Encrypt pledges stored in clear</translation>
    </message>
    <message>
        <location line="+15" />
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{0}, removed {1}</source>
        <translation>{0}, removed {1}</translation>
    </message>
    <message>
        <location line="+10" />
        <source>⚠ NOT ENCRYPTED: this kiosk has no council key, so names, emails, phone numbers and postcodes are stored in clear. Set up encryption.</source>
        <translation>⚠ NOT ENCRYPTED: this kiosk has no council key, so names, emails, phone numbers and postcodes are stored in clear. Set up encryption.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>unlocked</source>
        <translation>unlocked</translation>
    </message>
    <message>
        <location line="+0" />
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Attendees' details are encrypted to council key {0} ({1}); %n pledge(s) sealed.</source>
        <translation>
            <numerusform>Attendees' details are encrypted to council key {0} ({1}); %n pledge sealed.</numerusform><numerusform>Attendees' details are encrypted to council key {0} ({1}); %n pledges sealed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>⚠ %n pledge(s) still in clear.</source>
        <translation>
            <numerusform>⚠ %n pledge still in clear.</numerusform><numerusform>⚠ %n pledges still in clear.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+32" />
        <source>Encrypted the details of %n pledge(s).</source>
        <translation>
            <numerusform>Encrypted the details of %n pledge.</numerusform><numerusform>Encrypted the details of %n pledges.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+23" />
        <source>Removed the personal data of %n pledge(s).</source>
        <translation>
            <numerusform>Removed the personal data of %n pledge.</numerusform><numerusform>Removed the personal data of %n pledges.</numerusform></translation>
    </message>
    <message>
        <location line="-14" />
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>⚠ Retention failed: {0}</source>
        <translation>⚠ Retention failed: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../ui/kiosk/review.py" line="+17" />
        <source>Check your pledge</source>
        <translation>Check your pledge</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+86" />
        <source>Confirm my pledge</source>
        <translation>Confirm my pledge</translation>
    </message>
    <message>
        <location line="-85" />
        <source>Change something</source>
        <translation>Change something</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Tap “Confirm my pledge” to make it. Staff can withdraw it later.</source>
        <translation>Tap “Confirm my pledge” to make it. Staff can withdraw it later.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Pledging as</source>
        <translation>Pledging as</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Your actions</source>
        <translation>Your actions</translation>
    </message>
    <message>
        <location line="+2" />
        <source>In your own words</source>
        <translation>In your own words</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name: {0}</source>
        <translation>Name: {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Email: {0}</source>
        <translation>Email: {0}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone: {0}</source>
        <translation>Phone: {0}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Postcode: {0}</source>
        <translation>Postcode: {0}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>About you</source>
        <translation>About you</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Your choices</source>
        <translation>Your choices</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Contact me: yes</source>
        <translation>Contact me: yes</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Contact me: no</source>
        <translation>Contact me: no</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show my name on the pledge wall: yes</source>
        <translation>Show my name on the pledge wall: yes</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Show my name on the pledge wall: no</source>
        <translation>Show my name on the pledge wall: no</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Saving your pledge…</source>
        <translation>Saving your pledge…</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/kiosk/widgets.py" line="+207" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>SetupKeyDialog</name>
    <message>
        <location filename="../../ui/privacy_dialogs.py" line="+98" />
        <location line="+4" />
        <source>Protect attendees' details</source>
        <translation>Protect attendees' details</translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Names, emails, phone numbers and postcodes are encrypted before they are saved, so a lost or stolen kiosk gives none of them away. Choose the staff passphrase (at least %n character(s); it cannot be recovered), or use the key file the council gave you.</source>
        <translation>
            <numerusform>Names, emails, phone numbers and postcodes are encrypted before they are saved, so a lost or stolen kiosk gives none of them away. Choose the staff passphrase (at least %n character; it cannot be recovered), or use the key file the council gave you.</numerusform><numerusform>Names, emails, phone numbers and postcodes are encrypted before they are saved, so a lost or stolen kiosk gives none of them away. Choose the staff passphrase (at least %n characters; it cannot be recovered), or use the key file the council gave you.</numerusform></translation>
    </message>
    <message>
        <location line="+9" />
        <source>New staff passphrase</source>
        <translation>New staff passphrase</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New staff passphrase again</source>
        <translation>New staff passphrase again</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Again</source>
        <translation>Again</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not now: keep attendees' details unencrypted</source>
        <translation>Not now: keep attendees' details unencrypted</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Use a council key file…</source>
        <translation>Use a council key file…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Create the key</source>
        <translation>Create the key</translation>
    </message>
    <message>
        <location line="+18" />
        <source>The two passphrases are different.</source>
        <translation>The two passphrases are different.</translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>The passphrase must be at least %n character(s).</source>
        <translation>
            <numerusform>The passphrase must be at least %n character.</numerusform><numerusform>The passphrase must be at least %n characters.</numerusform></translation>
    </message>
    <message>
        <location line="+13" />
        <source>The council's key file</source>
        <translation>The council's key file</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Council keys (*.json)</source>
        <translation>Council keys (*.json)</translation>
    </message>
</context>
<context>
    <name>SetupPinDialog</name>
    <message>
        <location filename="../../ui/kiosk/staff_access.py" line="+19" />
        <location line="+13" />
        <source>Choose the staff PIN</source>
        <translation>Choose the staff PIN</translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Before the kiosk opens to the public, choose the PIN staff will use to open the staff area or quit. Use {0} to %n digit(s), not a run like 123456 or 111111. Keep it private: it is stored only as a slow salted hash and cannot be recovered.</source>
        <translation>
            <numerusform>Before the kiosk opens to the public, choose the PIN staff will use to open the staff area or quit. Use {0} to %n digit, not a run like 123456 or 111111. Keep it private: it is stored only as a slow salted hash and cannot be recovered.</numerusform><numerusform>Before the kiosk opens to the public, choose the PIN staff will use to open the staff area or quit. Use {0} to %n digits, not a run like 123456 or 111111. Keep it private: it is stored only as a slow salted hash and cannot be recovered.</numerusform></translation>
    </message>
    <message>
        <location line="+10" />
        <source>New staff PIN</source>
        <translation>New staff PIN</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New staff PIN again</source>
        <translation>New staff PIN again</translation>
    </message>
    <message>
        <location line="+2" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Again</source>
        <translation>Again</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not now: close without opening the kiosk</source>
        <translation>Not now: close without opening the kiosk</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+2" />
        <source>Save the PIN</source>
        <translation>Save the PIN</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Set up from a kiosk pack…</source>
        <translation>Set up from a kiosk pack…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set up from a kiosk pack</source>
        <translation>Set up from a kiosk pack</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Set up from the kiosk pack: “{0}” for {1}. Now choose the staff PIN.</source>
        <translation>Set up from the kiosk pack: “{0}” for {1}. Now choose the staff PIN.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>The two PINs are different. Please type the same PIN twice.</source>
        <translation>The two PINs are different. Please type the same PIN twice.</translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>The PIN must be {0} to %n digit(s) and not a repeated or consecutive run.</source>
        <translation>
            <numerusform>The PIN must be {0} to %n digit and not a repeated or consecutive run.</numerusform><numerusform>The PIN must be {0} to %n digits and not a repeated or consecutive run.</numerusform></translation>
    </message>
</context>
<context>
    <name>StaffConsole</name>
    <message>
        <location filename="../../ui/staff/console.py" line="+50" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pledges</source>
        <translation>Pledges</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Events &amp;&amp; settings</source>
        <translation>Events &amp;&amp; settings</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paper cards</source>
        <translation>Paper cards</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Council sync</source>
        <translation>Council sync</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
</context>
<context>
    <name>StaffHome</name>
    <message>
        <location filename="../../ui/staff_home.py" line="+72" />
        <source>Staff area</source>
        <translation>Staff area</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+2" />
        <source>Back to the kiosk</source>
        <translation>Back to the kiosk</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Staff sections</source>
        <translation>Staff sections</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The kiosk locks itself again after the idle timeout. Quitting closes the app; pledges are already saved.</source>
        <translation>The kiosk locks itself again after the idle timeout. Quitting closes the app; pledges are already saved.</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+1" />
        <source>About Charter Desktop</source>
        <translation>About Charter Desktop</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+1" />
        <source>Quit Charter Desktop</source>
        <translation>Quit Charter Desktop</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Current event: {0}{1}, {2}</source>
        <translation>Current event: {0}{1}, {2}</translation>
    </message>
    <message numerus="yes">
        <location line="+12" />
        <source>%n pledge(s) today on this kiosk; {0} of {1} for this event</source>
        <translation>
            <numerusform>%n pledge today on this kiosk; {0} of {1} for this event</numerusform><numerusform>%n pledges today on this kiosk; {0} of {1} for this event</numerusform></translation>
    </message>
</context>
<context>
    <name>StartChecks</name>
    <message>
        <location filename="../../ui/start_checks.py" line="-56" />
        <source>The kiosk did not open, because no staff PIN was chosen: without one, nobody could reach the staff area to set up the event, export pledges or close the kiosk. Start Charter Desktop again to choose a PIN.</source>
        <translation>The kiosk did not open, because no staff PIN was chosen: without one, nobody could reach the staff area to set up the event, export pledges or close the kiosk. Start Charter Desktop again to choose a PIN.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/staff/sync_page.py" line="+51" />
        <source>Pledges wait here until the council's hub has them. Nothing is deleted from this kiosk when it is sent. Without a network, write a USB bundle instead.</source>
        <translation>Pledges wait here until the council's hub has them. Nothing is deleted from this kiosk when it is sent. Without a network, write a USB bundle instead.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+3" />
        <source>Sending pledges to the hub</source>
        <translation>Sending pledges to the hub</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Send refused pledges again</source>
        <translation>Send refused pledges again</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Write a USB bundle…</source>
        <translation>Write a USB bundle…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Writing a USB bundle</source>
        <translation>Writing a USB bundle</translation>
    </message>
    <message>
        <location line="+17" />
        <source>The council's hub</source>
        <translation>The council's hub</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+21" />
        <source>Hub address</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <location line="-19" />
        <location line="+20" />
        <source>Device token</source>
        <translation>Device token</translation>
    </message>
    <message>
        <location line="-18" />
        <source>only for a hub with its own certificate: AB:CD:…</source>
        <translation>only for a hub with its own certificate: AB:CD:…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hub certificate pin</source>
        <translation>Hub certificate pin</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sync by itself whenever the hub can be reached</source>
        <translation>Sync by itself whenever the hub can be reached</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Set up from a kiosk pack…</source>
        <translation>Set up from a kiosk pack…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set up from a kiosk pack</source>
        <translation>Set up from a kiosk pack</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Setting the kiosk up from a pack</source>
        <translation>Setting the kiosk up from a pack</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Save hub settings</source>
        <translation>Save hub settings</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changing the hub</source>
        <translation>Changing the hub</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+5" />
        <source>This kiosk's device id</source>
        <translation>This kiosk's device id</translation>
    </message>
    <message>
        <location line="-1" />
        <source>Certificate pin</source>
        <translation>Certificate pin</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Kiosk pack</source>
        <translation>Kiosk pack</translation>
    </message>
    <message>
        <location line="+9" />
        <source>none needed: this kiosk signs its requests with its own key</source>
        <translation>none needed: this kiosk signs its requests with its own key</translation>
    </message>
    <message>
        <location line="+2" />
        <source>a token is stored: type a new one to replace it</source>
        <translation>a token is stored: type a new one to replace it</translation>
    </message>
    <message>
        <location line="+11" />
        <source>This kiosk was not set up from a kiosk pack.</source>
        <translation>This kiosk was not set up from a kiosk pack.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Set up as “{0}” for the hub at {1}, on {2}.</source>
        <translation>Set up as “{0}” for the hub at {1}, on {2}.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The hub has not confirmed the pack yet: it will at the kiosk's first contact.</source>
        <translation>The hub has not confirmed the pack yet: it will at the kiosk's first contact.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Set up from the kiosk pack: “{0}” for {1}.</source>
        <translation>Set up from the kiosk pack: “{0}” for {1}.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Not saved: {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Hub settings saved.</source>
        <translation>Hub settings saved.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Waiting {0} · at the council {1} · refused {2}</source>
        <translation>Waiting {0} · at the council {1} · refused {2}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last sync: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Last problem: {0}</source>
        <translation>Last problem: {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Clock: {0}</source>
        <translation>Clock: {0}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Refused {0}: {1}</source>
        <translation>Refused {0}: {1}</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Sent {0}; {1} refused; {2} still waiting.</source>
        <translation>Sent {0}; {1} refused; {2} still waiting.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>⚠ {0}</source>
        <translation>⚠ {0}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>⚠ The sync stopped: {0}</source>
        <translation>⚠ The sync stopped: {0}</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n refused pledge(s) will be sent again.</source>
        <translation>
            <numerusform>%n refused pledge will be sent again.</numerusform><numerusform>%n refused pledges will be sent again.</numerusform></translation>
    </message>
    <message>
        <location line="+24" />
        <source>Wrote {0} and {1} to {2}. Take it to the council.</source>
        <translation>Wrote {0} and {1} to {2}. Take it to the council.</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n pledge(s)</source>
        <translation>
            <numerusform>%n pledge</numerusform><numerusform>%n pledges</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n erasure(s)</source>
        <translation>
            <numerusform>%n erasure</numerusform><numerusform>%n erasures</numerusform></translation>
    </message>
    <message>
        <location line="-19" />
        <source>Write a USB bundle</source>
        <translation>Write a USB bundle</translation>
    </message>
    <message>
        <location line="-138" />
        <source>the token “hub token” printed for this kiosk</source>
        <translation>the token “hub token” printed for this kiosk</translation>
    </message>
    <message>
        <location line="+102" />
        <source>Give the hub's address and this kiosk's token first, or set the kiosk up from a kiosk pack.</source>
        <translation>Give the hub's address and this kiosk's token first, or set the kiosk up from a kiosk pack.</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Bundles (*.zip)</source>
        <translation>Bundles (*.zip)</translation>
    </message>
    <message>
        <location line="+10" />
        <source>⚠ Could not write {0}: {1}</source>
        <translation>⚠ Could not write {0}: {1}</translation>
    </message>
</context>
<context>
    <name>ThanksScreen</name>
    <message>
        <location filename="../../ui/kiosk/thanks.py" line="+50" />
        <source>Your pledge is stored. Thank you for helping build a fairer society and a more resilient economy.</source>
        <translation>Your pledge is stored. Thank you for helping build a fairer society and a more resilient economy.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Scan the code with your phone to see your pledge certificate.</source>
        <translation>Scan the code with your phone to see your pledge certificate.</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+1" />
        <source>Print my certificate</source>
        <translation>Print my certificate</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+1" />
        <source>Email my certificate to me later</source>
        <translation>Email my certificate to me later</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+2" />
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Thank you, {0}!</source>
        <translation>Thank you, {0}!</translation>
    </message>
    <message>
        <location line="+17" />
        <source>QR code of your pledge certificate</source>
        <translation>QR code of your pledge certificate</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Scan it with a phone camera to open your certificate on {0}, where anyone you show it to can check that it is genuine.</source>
        <translation>Scan it with a phone camera to open your certificate on {0}, where anyone you show it to can check that it is genuine.</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Back to the start in {0} s</source>
        <translation>Back to the start in {0} s</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Your certificate is printing. Please collect it.</source>
        <translation>Your certificate is printing. Please collect it.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>⚠ Sorry, the certificate could not be printed. Your pledge is safely stored; please ask a member of staff, or scan the code instead.</source>
        <translation>⚠ Sorry, the certificate could not be printed. Your pledge is safely stored; please ask a member of staff, or scan the code instead.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>We will email your certificate to you.</source>
        <translation>We will email your certificate to you.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>⚠ Sorry, the email could not be arranged. Your pledge is safely stored; please ask a member of staff, or scan the code instead.</source>
        <translation>⚠ Sorry, the email could not be arranged. Your pledge is safely stored; please ask a member of staff, or scan the code instead.</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../ui/staff/setup_pages.py" line="-218" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>{name}: {total} of %n pledge(s)</source>
        <translation>
            <numerusform>{name}: {total} of %n pledge</numerusform><numerusform>{name}: {total} of %n pledges</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>Today: %n pledge(s) ({w} withdrawn)</source>
        <translation>
            <numerusform>Today: %n pledge ({w} withdrawn)</numerusform><numerusform>Today: %n pledges ({w} withdrawn)</numerusform></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/privacy_dialogs.py" line="-141" />
        <location line="+4" />
        <source>Unlock attendees' details</source>
        <translation>Unlock attendees' details</translation>
    </message>
    <message>
        <location line="+0" />
        <source>The staff passphrase</source>
        <translation>The staff passphrase</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Names, emails, phone numbers and postcodes are encrypted. Type the staff passphrase to search, correct, export, print, email or sync them. They lock again when you go back to the kiosk.</source>
        <translation>Names, emails, phone numbers and postcodes are encrypted. Type the staff passphrase to search, correct, export, print, email or sync them. They lock again when you go back to the kiosk.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>{0} needs the staff passphrase, not only the PIN.</source>
        <translation>{0} needs the staff passphrase, not only the PIN.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>It also unlocks attendees' details until you go back to the kiosk.</source>
        <translation>It also unlocks attendees' details until you go back to the kiosk.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Staff passphrase</source>
        <translation>Staff passphrase</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not now: keep the details locked</source>
        <translation>Not now: keep the details locked</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+14" />
        <source>That passphrase does not unlock the details.</source>
        <translation>That passphrase does not unlock the details.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../ui/kiosk/welcome.py" line="+28" />
        <source>A pledge is your promise to do something, big or small, that helps build a fairer society and a more resilient economy in our town.</source>
        <translation>A pledge is your promise to do something, big or small, that helps build a fairer society and a more resilient economy in our town.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Pledges so far against the target</source>
        <translation>Pledges so far against the target</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+2" />
        <source>Make your pledge</source>
        <translation>Make your pledge</translation>
    </message>
    <message>
        <location line="+4" />
        <source>It takes about two minutes. Tap the button to begin.</source>
        <translation>It takes about two minutes. Tap the button to begin.</translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>{0} of our target of %n pledge(s) so far</source>
        <translation>
            <numerusform>{0} of our target of %n pledge so far</numerusform><numerusform>{0} of our target of %n pledges so far</numerusform></translation>
    </message>
</context>
<context>
    <name>WhoScreen</name>
    <message>
        <location filename="../../ui/kiosk/who.py" line="+23" />
        <source>Who are you pledging as?</source>
        <translation>Who are you pledging as?</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Name of your organisation (optional)</source>
        <translation>Name of your organisation (optional)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>We print it on your certificate with your name.</source>
        <translation>We print it on your certificate with your name.</translation>
    </message>
</context>
</TS>