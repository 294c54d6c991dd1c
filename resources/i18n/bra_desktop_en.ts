<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bar_chart.py" line="76"/>
        <source>Inget att visa.</source>
        <translation>Nothing to show.</translation>
    </message>
</context>
<context>
    <name>BatchModel</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="74"/>
        <source>Läs in</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="74"/>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="74"/>
        <source>Från</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="74"/>
        <source>Skapat</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="74"/>
        <source>Nya</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="75"/>
        <source>Uppdateras</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="75"/>
        <source>Tas bort</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="75"/>
        <source>Oförändrade</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="75"/>
        <source>Konflikter</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="76"/>
        <source>Problem</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="76"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="79"/>
        <source>Bocka för de filer som ska läsas in. Varje fil läses in för sig, i listans ordning.</source>
        <translation>Tick the files to import. Each file is imported on its own, in the order of the list.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="80"/>
        <source>När paketet skapades</source>
        <translation>When the bundle was made</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="81"/>
        <source>Poster som uppdateras eller sammanfogas</source>
        <translation>Records that are updated or merged</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="82"/>
        <source>Poster som redan är som i filen, eller där registret har en nyare version</source>
        <translation>Records that already are as in the file, or of which the register has a newer version</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="83"/>
        <source>Konflikter som inte är avgjorda / alla konflikter</source>
        <translation>Undecided conflicts / all conflicts</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="84"/>
        <source>Avvisade rader och varningar</source>
        <translation>Rejected rows and warnings</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="220"/>
        <source>Avvisade rader: %1, varningar: %2</source>
        <translation>Rejected rows: %1, warnings: %2</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="243"/>
        <source>kunde inte läsas: %1</source>
        <translation>could not be read: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="246"/>
        <source>redan inläst %1</source>
        <translation>already imported %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="249"/>
        <source>samma fil som rad %1</source>
        <translation>the same file as row %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="251"/>
        <source>ingen rad kunde läsas</source>
        <translation>no row could be read</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="253"/>
        <source>konflikter att avgöra</source>
        <translation>conflicts to decide</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="255"/>
        <source>att bekräfta (se detaljer)</source>
        <translation>to confirm (see details)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="256"/>
        <source>klar att läsas in</source>
        <translation>ready to import</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="256"/>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="282"/>
        <source>lämnas utanför</source>
        <translation>left out</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="263"/>
        <source>redan inläst</source>
        <translation>already imported</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="264"/>
        <source>inläst: %1</source>
        <translation>read: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="264"/>
        <source>post ändrad</source>
        <translation>record changed</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="265"/>
        <source>poster ändrade</source>
        <translation>records changed</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="266"/>
        <source>inläst: ingenting behövde ändras</source>
        <translation>imported: nothing needed to change</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="267"/>
        <source> (planerad på nytt: registret hade ändrats)</source>
        <translation> (planned again: the register had changed)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="269"/>
        <source>inte inläst: %1</source>
        <translation>not imported: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="270"/>
        <source>inte inläst: avbrutet</source>
        <translation>not imported: cancelled</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="278"/>
        <source>inte inläst: konflikterna är inte avgjorda</source>
        <translation>not imported: the conflicts are not decided</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="280"/>
        <source>inte inläst: inte bekräftad</source>
        <translation>not imported: not confirmed</translation>
    </message>
</context>
<context>
    <name>BatchPage</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="309"/>
        <source>Varje fil har kontrollerats och jämförts med registret; ingenting är ändrat ännu. Bocka för de filer som ska läsas in. De läses in i listans ordning, var och en för sig med ett eget kvitto i Arkiv → Importhistorik. Välj Visa detaljer… för att se en fils ändringar och avgöra dess konflikter.</source>
        <translation>Each file has been checked and compared with the register; nothing has changed yet. Tick the files to import. They are imported in the order of the list, each on its own with its own receipt in Archive → Import history. Choose Show details… to see a file&apos;s changes and decide its conflicts.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="314"/>
        <source>Filerna</source>
        <translation>The files</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="326"/>
        <source>Visa detaljer…</source>
        <translation>Show details…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="327"/>
        <source>Visa vad den markerade filen ändrar och avgör dess konflikter</source>
        <translation>Show what the selected file changes and decide its conflicts</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="329"/>
        <source>Välj alla</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="331"/>
        <source>Välj ingen</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="341"/>
        <source>Den valda filen</source>
        <translation>The chosen file</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/batch_page.py" line="380"/>
        <source>Markera en fil för att se mer.</source>
        <translation>Select a file to see more.</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/actions.py" line="20"/>
        <source>Exportera paket…</source>
        <translation>Export bundle…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/actions.py" line="23"/>
        <source>Importera paket…</source>
        <translation>Import bundles…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/actions.py" line="26"/>
        <source>Importhistorik…</source>
        <translation>Import history…</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/checklist.py" line="150"/>
        <source>Sök …</source>
        <translation>Search…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/checklist.py" line="156"/>
        <source>Visa bara valda</source>
        <translation>Show only selected</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/checklist.py" line="202"/>
        <source>{checked} av {total} valda</source>
        <translation>{checked} of {total} selected</translation>
    </message>
</context>
<context>
    <name>CodeEditDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="65"/>
        <source>till exempel STUDIEBESOK</source>
        <translation>for example STUDIEBESOK</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="78"/>
        <source>Kod</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="79"/>
        <source>Svensk etikett</source>
        <translation>Swedish label</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="80"/>
        <source>Engelsk etikett</source>
        <translation>English label</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="81"/>
        <source>Koden skrivs med versaler A–Z, siffror och understreck och kan inte ändras sedan. Etiketterna är det användarna ser.</source>
        <translation>The code is written in capitals A–Z, digits and underscores and cannot be changed later. The labels are what users see.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="85"/>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>CodeListDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="116"/>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="135"/>
        <source>Kodlistor</source>
        <translation>Code lists</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="127"/>
        <source>Ändringar kommer till länen med nästa nationella paket. Koder tas aldrig bort: en kod som tas ur bruk finns kvar på de poster som redan har den men kan inte väljas för nya.</source>
        <translation>Changes reach the counties with the next national bundle. Codes are never deleted: a retired code stays on the records that already have it but cannot be chosen for new ones.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="130"/>
        <source>Kodlistorna ägs av Brå och kommer med det nationella paketet.</source>
        <translation>The code lists are owned by Brå and come with the national bundle.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="138"/>
        <source>Kod</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="138"/>
        <source>Svensk etikett</source>
        <translation>Swedish label</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="138"/>
        <source>Engelsk etikett</source>
        <translation>English label</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="139"/>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="142"/>
        <source>Koder</source>
        <translation>Codes</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="158"/>
        <source>Lägg till…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="159"/>
        <source>Byt namn…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="160"/>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="271"/>
        <source>Ta ur bruk</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="206"/>
        <source>%1: %2 koder, %3 i bruk</source>
        <translation>%1: %2 codes, %3 in use</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="242"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="242"/>
        <source>Nej, ur bruk</source>
        <translation>No, retired</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="249"/>
        <source>Ur bruk: finns kvar på de poster som har koden men kan inte väljas för nya.</source>
        <translation>Retired: stays on the records that have the code but cannot be chosen for new ones.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="270"/>
        <source>Ta i bruk</source>
        <translation>Take into use</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="279"/>
        <source>Ny kod i %1</source>
        <translation>New code in %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="287"/>
        <source>Byt namn på %1</source>
        <translation>Rename %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="301"/>
        <source>%1 är tillagd.</source>
        <translation>%1 has been added.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="309"/>
        <source>%1 har nya etiketter.</source>
        <translation>%1 has new labels.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="323"/>
        <source>%1 är i bruk igen.</source>
        <translation>%1 is in use again.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/codelist_dialog.py" line="323"/>
        <source>%1 är ur bruk.</source>
        <translation>%1 is retired.</translation>
    </message>
</context>
<context>
    <name>ComboEditor</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/choice_editors.py" line="34"/>
        <source>Skriv för att söka …</source>
        <translation>Type to search…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/choice_editors.py" line="66"/>
        <source>Välj ett av förslagen i listan.</source>
        <translation>Choose one of the suggestions in the list.</translation>
    </message>
</context>
<context>
    <name>CommandFailures</name>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="79"/>
        <source>Det gick inte</source>
        <translation>That did not work</translation>
    </message>
</context>
<context>
    <name>DashboardSection</name>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="230"/>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="421"/>
        <source>Räknar…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="234"/>
        <source>Län</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="237"/>
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="246"/>
        <source>Aktiviteter</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="247"/>
        <source>Deltagare</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="248"/>
        <source>Kommuner som fått stöd</source>
        <translation>Municipalities supported</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="249"/>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="278"/>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="747"/>
        <source>Försenade åtaganden</source>
        <translation>Overdue commitments</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="256"/>
        <source>Samordningsfunktion</source>
        <translation>Coordination function</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="257"/>
        <source>Klar lägesbild</source>
        <translation>Situation picture done</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="258"/>
        <source>Beslutad åtgärdsplan</source>
        <translation>Decided action plan</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="262"/>
        <source>Visa kommunerna som saknar det</source>
        <translation>Show the municipalities that lack it</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="265"/>
        <source>Aktiviteter per månad</source>
        <translation>Activities by month</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="266"/>
        <source>Aktiviteter per typ</source>
        <translation>Activities by type</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="267"/>
        <source>Aktiviteter per ämnesområde</source>
        <translation>Activities by subject area</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="268"/>
        <source>Aktiviteter per nätverk</source>
        <translation>Activities by network</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="269"/>
        <source>Aktiviteter per kommun</source>
        <translation>Activities by municipality</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="270"/>
        <source>Organisationer som deltagit, per typ</source>
        <translation>Participating organisations by type</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="271"/>
        <source>Åtaganden per status</source>
        <translation>Commitments by status</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="272"/>
        <source>Problemområden per trend</source>
        <translation>Problem areas by trend</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="273"/>
        <source>Problemområden per status</source>
        <translation>Problem areas by status</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="280"/>
        <source>Visa i Åtaganden</source>
        <translation>Show in Commitments</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="283"/>
        <source>Kommuner utan stöd i år</source>
        <translation>Municipalities without support this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="518"/>
        <source>Spara redovisning</source>
        <translation>Save annual account</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="546"/>
        <source>Sparar redovisningen…</source>
        <translation>Saving the annual account…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="569"/>
        <source>Redovisningen är sparad: %1</source>
        <translation>The annual account is saved: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="578"/>
        <source>Redovisningen kunde inte sparas: %1</source>
        <translation>The annual account could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="628"/>
        <source>minst en aktivitet i kommunen</source>
        <translation>at least one activity in the municipality</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="629"/>
        <source>1 kommun utan stöd i år</source>
        <translation>1 municipality without support this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="630"/>
        <source>%1 kommuner utan stöd i år</source>
        <translation>%1 municipalities without support this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="660"/>
        <source>klart senast %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="668"/>
        <source>Alla kommuner har fått stöd.</source>
        <translation>Every municipality has had support.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="406"/>
        <source>Hela landet</source>
        <translation>Whole country</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="507"/>
        <source>Siffrorna kunde inte räknas: %1</source>
        <translation>The figures could not be counted: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="518"/>
        <source>PDF (*.pdf);;Excel-arbetsbok (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="590"/>
        <source>Lagens krav i länet %1</source>
        <translation>The law&apos;s requirements in the county, %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="591"/>
        <source>Lagens krav i landet %1</source>
        <translation>The law&apos;s requirements in the country, %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="595"/>
        <source>%1 saknar</source>
        <translation>%1 lack it</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="597"/>
        <source>%1 ej uppföljda</source>
        <translation>%1 not followed up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="609"/>
        <source>%1: 0</source>
        <translation>%1: 0</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="612"/>
        <source>som %1 (%2)</source>
        <translation>same as %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="614"/>
        <source>%1 % jämfört med %2 (%3)</source>
        <translation>%1% compared with %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="618"/>
        <source>Översikt %1 · %2</source>
        <translation>Overview %1 · %2</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="598"/>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="627"/>
        <source>%1 av %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="240"/>
        <source>Spara redovisning…</source>
        <translation>Save annual account…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="241"/>
        <source>Redovisningen för året som visas, som PDF eller Excel-arbetsbok</source>
        <translation>The annual account of the year shown, as a PDF or an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="636"/>
        <source>av %1 åtaganden, efter klart senast-datum</source>
        <translation>of %1 commitments, past their due date</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="652"/>
        <source>(topp %1 av %2)</source>
        <translation>(top %1 of %2)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="663"/>
        <source>Inga försenade åtaganden.</source>
        <translation>No overdue commitments.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="677"/>
        <source>Inget nätverk</source>
        <translation>No network</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="677"/>
        <source>Inget ämnesområde</source>
        <translation>No subject area</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="717"/>
        <source>Aktiviteter %1</source>
        <translation>Activities %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="720"/>
        <source>Deltog %1</source>
        <translation>Took part in %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="724"/>
        <source>Åtaganden</source>
        <translation>Commitments</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="727"/>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="730"/>
        <source>Problemområden</source>
        <translation>Problem areas</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/dashboard.py" line="727"/>
        <source>Trend: %1</source>
        <translation>Trend: %1</translation>
    </message>
</context>
<context>
    <name>DatabaseChoice</name>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="49"/>
        <source>På den här datorn</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="50"/>
        <source>Delat register på en databasserver (PostgreSQL)</source>
        <translation>Shared register on a database server (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="57"/>
        <source>Lösenordet kan stå i adressen eller, bättre, i filen pgpass.</source>
        <translation>The password can be part of the address or, better, in the pgpass file.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="58"/>
        <source>Testa anslutningen</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="90"/>
        <source>Skriv databasserverns adress, eller välj registret på den här datorn.</source>
        <translation>Enter the database server&apos;s address, or choose the register on this computer.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="93"/>
        <source>En databasserver har en adress som börjar med postgresql+psycopg://.</source>
        <translation>A database server has an address that starts with postgresql+psycopg://.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="95"/>
        <source>Adressen går inte att läsa. Den ska se ut som postgresql+psycopg://användare@server/databas.</source>
        <translation>The address cannot be read. It should look like postgresql+psycopg://user@server/database.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="111"/>
        <source>Anslutningen fungerar.</source>
        <translation>The connection works.</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/editors.py" line="158"/>
        <source>ÅÅÅÅ-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/editors.py" line="174"/>
        <source>Välj i kalendern</source>
        <translation>Choose from the calendar</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/editors.py" line="201"/>
        <source>Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-12.</source>
        <translation>Enter the date as YYYY-MM-DD, for example 2026-03-12.</translation>
    </message>
</context>
<context>
    <name>DiffDetails</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="88"/>
        <source>Markera en rad för att se hela texten.</source>
        <translation>Select a row to see the full text.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="41"/>
        <source>Ett oväntat fel inträffade</source>
        <translation>An unexpected error occurred</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="44"/>
        <source>Något gick fel: %1</source>
        <translation>Something went wrong: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="47"/>
        <source>Inget som redan sparats har gått förlorat: varje ändring sparas i registret för sig när du sparar den. Det du höll på med just nu kan behöva göras om.</source>
        <translation>Nothing you had already saved has been lost: each change is saved in the register on its own when you save it. What you were doing just now may need to be done again.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="51"/>
        <source>En beskrivning av felet finns i loggfilen %1. Skicka den gärna till den som hjälper dig.</source>
        <translation>A description of the error is in the log file %1. Please send it to whoever is helping you.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="60"/>
        <source>Detaljer om felet</source>
        <translation>Details of the error</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="64"/>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="80"/>
        <source>Visa detaljer</source>
        <translation>Show details</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="80"/>
        <source>Dölj detaljer</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/error_dialog.py" line="85"/>
        <source>Det gick inte</source>
        <translation>That did not work</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="55"/>
        <source>Exportera paket</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="60"/>
        <source>Paketet är en Excel-fil med alla poster i registret och kodlistorna. Skicka den till länen.</source>
        <translation>The bundle is an Excel file containing every record in the register and the code lists. Send it to the counties.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="62"/>
        <source>Paketet är en Excel-fil med länets poster. Skicka den till Brå.</source>
        <translation>The bundle is an Excel file containing the county&apos;s records. Send it to Brå.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="66"/>
        <source>Vad ska med?</source>
        <translation>What should be included?</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="67"/>
        <source>Hela registret (rekommenderas)</source>
        <translation>The whole register (recommended)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="69"/>
        <source>Bara ändringar sedan förra exporten (ingen export ännu)</source>
        <translation>Only changes since the last export (no export yet)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="71"/>
        <source>Bara ändringar sedan förra exporten (%1)</source>
        <translation>Only changes since the last export (%1)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="79"/>
        <source>Ta med kontaktuppgifter (namn, e-post och telefon)</source>
        <translation>Include contact details (name, e-mail and phone)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="81"/>
        <source>Kontaktuppgifter är personuppgifter. Ta bara med dem om mottagaren behöver dem, och skicka då filen på ett säkert sätt.</source>
        <translation>Contact details are personal data. Include them only if the recipient needs them, and then send the file securely.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="91"/>
        <source>Välj…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="95"/>
        <source>Spara som:</source>
        <translation>Save as:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="105"/>
        <source>Öppna mappen</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="108"/>
        <source>Exportera</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="110"/>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="144"/>
        <source>Spara paketet som</source>
        <translation>Save the bundle as</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="145"/>
        <source>Excel-filer (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="155"/>
        <source>Mappen %1 finns inte. Välj en annan plats.</source>
        <translation>The folder %1 does not exist. Choose another location.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="169"/>
        <source>Exporten avbröts. Ingen fil skrevs och ingenting har ändrats.</source>
        <translation>The export was cancelled. No file was written and nothing has changed.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="172"/>
        <source>Skriver %1 …</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="176"/>
        <source>Filen finns redan</source>
        <translation>The file already exists</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="177"/>
        <source>%1 finns redan. Vill du ersätta den?</source>
        <translation>%1 already exists. Do you want to replace it?</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="198"/>
        <source>Kontaktuppgifter ingår.</source>
        <translation>Contact details are included.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="198"/>
        <source>Kontaktuppgifter ingår inte.</source>
        <translation>Contact details are not included.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="200"/>
        <source>Paketet är sparat:
%1

%2: %3.
%4</source>
        <translation>The bundle has been saved:
%1

%2: %3.
%4</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="201"/>
        <source>post</source>
        <translation>record</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/export_dialog.py" line="201"/>
        <source>poster</source>
        <translation>records</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/factory.py" line="16"/>
        <source>NNNNNN-NNNN</source>
        <translation>NNNNNN-NNNN</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/factory.py" line="17"/>
        <source>namn@exempel.se</source>
        <translation>name@example.se</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/factory.py" line="18"/>
        <source>08-123 456 78</source>
        <translation>08-123 456 78</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="41"/>
        <source>Välkommen till Brå-nätverkets register</source>
        <translation>Welcome to the Brå network register</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="43"/>
        <source>Ange vems register det här är. En länsstyrelse äger sina egna aktiviteter, åtaganden och problemområden; Brå äger kodlistorna och de nationella nätverken. Valet kan inte ändras senare.</source>
        <translation>Say whose register this is. A county administrative board owns its own activities, commitments and problem areas; Brå owns the code lists and the national networks. The choice cannot be changed later.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="49"/>
        <source>Länsstyrelse:</source>
        <translation>County administrative board:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="50"/>
        <source>Brå (nationellt register)</source>
        <translation>Brå (national register)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="55"/>
        <source>Län</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="56"/>
        <source>Välj län …</source>
        <translation>Choose a county …</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="77"/>
        <source>Ditt namn i ändringsloggen:</source>
        <translation>Your name in the change log:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="78"/>
        <source>Språk:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="97"/>
        <source>Brås nationella register</source>
        <translation>Brå&apos;s national register</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="98"/>
        <source>registret för Länsstyrelsen i %1</source>
        <translation>the register of the county administrative board of %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="99"/>
        <source>Bekräfta valet</source>
        <translation>Confirm the choice</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="100"/>
        <source>Det här blir %1. Valet kan inte ändras senare. Stämmer det?</source>
        <translation>This becomes %1. The choice cannot be changed later. Is that right?</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="103"/>
        <source>Ja, det stämmer</source>
        <translation>Yes, that is right</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/first_run.py" line="104"/>
        <source>Ändra</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>FormChoices</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/choices.py" line="34"/>
        <source>ur bruk</source>
        <translation>retired</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/choices.py" line="70"/>
        <source>borttagen</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/choices.py" line="87"/>
        <source>okänd</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>HandbookDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="40"/>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="47"/>
        <source>Handbok</source>
        <translation>Handbook (Swedish)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="42"/>
        <source>Sök i handboken …</source>
        <translation>Search the handbook …</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="43"/>
        <source>Sök i handboken</source>
        <translation>Search the handbook</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="52"/>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="71"/>
        <source>Inga träffar på ”%1”.</source>
        <translation>No hits for “%1”.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="50"/>
        <source>Importhistorik</source>
        <translation>Import history</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="52"/>
        <source>Paket som har lästs in, det senaste först. Den senaste importen kan ångras i ett steg så länge ingenting annat har ändrats, lästs in eller exporterats efter den.</source>
        <translation>Bundles that have been imported, most recent first. The most recent import can be undone in one step as long as nothing else has been changed, imported or exported since.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="56"/>
        <source>Inläst</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="56"/>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="56"/>
        <source>Från</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="56"/>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="54"/>
        <source>Ändringar</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="57"/>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="53"/>
        <source>Av</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="57"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="58"/>
        <source>Importerade och exporterade paket</source>
        <translation>Imported and exported bundles</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="66"/>
        <source>Rapport för det valda paketet</source>
        <translation>Report of the chosen bundle</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="79"/>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="68"/>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="80"/>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="167"/>
        <source>Ångra import</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="99"/>
        <source>ångrad</source>
        <translation>undone</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="105"/>
        <source>Inga paket har lästs in ännu.</source>
        <translation>No bundles have been imported yet.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="124"/>
        <source>Importen kan ångras.</source>
        <translation>The import can be undone.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="142"/>
        <source>Ångrar importen av %1 …</source>
        <translation>Undoing the import of %1 …</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="154"/>
        <source>Importen av %1 är ångrad. Registret är som före importen.</source>
        <translation>The import of %1 has been undone. The register is as it was before the import.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/history_dialog.py" line="168"/>
        <source>Ångra importen av %1? Registret återställs till hur det var före importen.</source>
        <translation>Undo the import of %1? The register will be restored to how it was before the import.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="52"/>
        <source>Historik: %1</source>
        <translation>History: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="53"/>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="53"/>
        <source>Ändring</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="53"/>
        <source>Varifrån</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="62"/>
        <source>Fält</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="62"/>
        <source>Före</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="62"/>
        <source>Efter</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="62"/>
        <source>Fält som ändrades</source>
        <translation>Fields changed</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="70"/>
        <source>Återställ den här versionen</source>
        <translation>Go back to this version</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/history_dialog.py" line="71"/>
        <source>Fyller formuläret med den här versionen; du sparar den som en ändring.</source>
        <translation>Fills the form with this version; you save it as a change.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="70"/>
        <source>Importera paket</source>
        <translation>Import bundles</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="120"/>
        <source>Filer att läsa in</source>
        <translation>Files to read</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="123"/>
        <source>Lägg till filer…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="125"/>
        <source>Lägg till mapp…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="126"/>
        <source>Lägger till alla .xlsx-filer i mappen (inte i dess undermappar)</source>
        <translation>Adds every .xlsx file in the folder (not in its subfolders)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="128"/>
        <source>Ta bort</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="145"/>
        <source>Välj paket att importera</source>
        <translation>Choose bundles to import</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="146"/>
        <source>Paket (*.xlsx);;Alla filer (*)</source>
        <translation>Bundles (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="152"/>
        <source>Välj en mapp med paket</source>
        <translation>Choose a folder of bundles</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="165"/>
        <source>Mappen kan inte läsas: %1</source>
        <translation>The folder cannot be read: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="171"/>
        <source>Mappen %1 har inga .xlsx-filer.</source>
        <translation>The folder %1 has no .xlsx files.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="173"/>
        <source>%1 filer tillagda från mappen %2.</source>
        <translation>%1 files added from the folder %2.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="205"/>
        <source>Läs in</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="205"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="269"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="327"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="353"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="223"/>
        <source>Felet</source>
        <translation>The error</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="237"/>
        <source>Fil %1 av %2: %3</source>
        <translation>File %1 of %2: %3</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="251"/>
        <source>Kontrollerar filen och jämför den med registret …</source>
        <translation>Checking the file and comparing it with the register…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="255"/>
        <source>Inläsningen avbröts. Ingenting har ändrats.</source>
        <translation>Reading was cancelled. Nothing has changed.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="258"/>
        <source>Filen kan inte importeras. Ingenting har ändrats.</source>
        <translation>The file cannot be imported. Nothing has changed.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="269"/>
        <source>Importera</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="283"/>
        <source>Kontrollerar filerna och jämför dem med registret …</source>
        <translation>Checking the files and comparing them with the register …</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="295"/>
        <source>Det gick inte: %1</source>
        <translation>That did not work: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="321"/>
        <source>Importerar. En säkerhetskopia av registret tas först …</source>
        <translation>Importing. A backup of the register is taken first…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="335"/>
        <source>Importera valda filer (%1)</source>
        <translation>Import selected files (%1)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="337"/>
        <source>%1 av %2 filer är valda.</source>
        <translation>%1 of %2 files are selected.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="340"/>
        <source>Filer med konflikter att avgöra innan de kan väljas: %1.</source>
        <translation>Files with conflicts to decide before they can be selected: %1.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="343"/>
        <source>Filer att bekräfta i detaljerna innan de kan väljas: %1.</source>
        <translation>Files to confirm in their details before they can be chosen: %1.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="352"/>
        <source>Tillbaka till översikten</source>
        <translation>Back to the overview</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="375"/>
        <source>Importerar de valda filerna, en i taget, var och en efter en säkerhetskopia. Avbryt stoppar efter filen som importeras nu.</source>
        <translation>Importing the selected files one at a time, each after a backup. Cancel stops after the file being imported now.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="395"/>
        <source>Varje inläst fil har ett eget kvitto i Arkiv → Importhistorik. Där kan den senaste importen ångras så länge ingenting annat har ändrats.</source>
        <translation>Each imported file has its own receipt in Archive → Import history. The latest import can be undone there as long as nothing else has changed.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="397"/>
        <source>Importen är klar: %1 av %2 valda filer är inlästa.</source>
        <translation>The import is done: %1 of %2 selected files are imported.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="402"/>
        <source>Läs in de ej inlästa filerna igen (%1)</source>
        <translation>Read the files not imported again (%1)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="422"/>
        <source>Resultat</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="438"/>
        <source>Registret hade ändrats sedan förhandsgranskningen, men inte så att något nytt behövde avgöras: filen planerades på nytt och lästes in så.</source>
        <translation>The register had changed since the preview, but not so that anything new had to be decided: the file was planned again and imported as planned then.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="444"/>
        <source>Inläst: registret hade redan allt i paketet; ingenting behövde ändras.</source>
        <translation>Imported: the register already had everything in the bundle; nothing needed to change.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="392"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="446"/>
        <source>Säkerhetskopia från före importen: %1</source>
        <translation>Backup from before the import: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="116"/>
        <source>Välj ett eller flera paket (bra-paket_….xlsx), eller en mapp med paket. Varje fil kontrolleras och jämförs med registret, och du ser vad som skulle ändras; ingenting ändras i registret förrän du väljer Importera. Flera filer visas i en gemensam översikt, där du väljer vilka som ska läsas in.</source>
        <translation>Choose one or more bundles (bra-paket_….xlsx), or a folder of bundles. Each file is checked and compared with the register, and you see what would change; nothing in the register changes until you choose Import. Several files are shown in one overview, where you choose which to import.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="441"/>
        <source>Inläst: %1.</source>
        <translation>Read: %1.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="442"/>
        <source>post ändrad</source>
        <translation>record changed</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="442"/>
        <source>poster ändrade</source>
        <translation>records changed</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="447"/>
        <source>Importen kan ångras under Arkiv → Importhistorik så länge ingenting annat har ändrats.</source>
        <translation>The import can be undone under File → Import history as long as nothing else has changed.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="448"/>
        <source>importerad</source>
        <translation>imported</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="454"/>
        <source>inte importerad</source>
        <translation>not imported</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="455"/>
        <source>Ingenting är inläst: %1</source>
        <translation>Nothing has been imported: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="456"/>
        <source>Registret är som det var före importen. Läs in filen igen för en ny förhandsgranskning.</source>
        <translation>The register is as it was before the import. Read the file again for a new preview.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="457"/>
        <source>Läs in filen igen</source>
        <translation>Read the file again</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="264"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="297"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="403"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="405"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="449"/>
        <location filename="../../src/bra_desktop/ui/bundle/import_wizard.py" line="457"/>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>IntegerEditor</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/editors.py" line="145"/>
        <source>Skriv ett heltal.</source>
        <translation>Enter a whole number.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="191"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="196"/>
        <source>Säkerhetskopiera nu</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="198"/>
        <source>Återställ från säkerhetskopia…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="202"/>
        <source>Inställningar…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="207"/>
        <source>Betrodda avsändare…</source>
        <translation>Trusted senders…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="209"/>
        <source>Avsluta</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="213"/>
        <source>Ångra</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="215"/>
        <source>Gör om</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="217"/>
        <source>Ny post</source>
        <translation>New record</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="220"/>
        <source>Redigera</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="223"/>
        <source>Ta bort</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="226"/>
        <source>Sök</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="231"/>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="371"/>
        <source>Om Brå-nätverkets register</source>
        <translation>About the Brå network register</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="233"/>
        <source>Hand&amp;bok</source>
        <translation>Hand&amp;book (Swedish)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="236"/>
        <source>&amp;Kortkommandon</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="372"/>
        <source>Brå-nätverkets register (bra-desktop) %1</source>
        <translation>The Brå network register (bra-desktop) %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="240"/>
        <source>&amp;Arkiv</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="107"/>
        <source>Avsnitt</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="248"/>
        <source>&amp;Redigera</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="254"/>
        <source>&amp;Hjälp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="269"/>
        <source>Det gick inte</source>
        <translation>That did not work</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="276"/>
        <source>Säkerhetskopia sparad: %1</source>
        <translation>Backup saved: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="298"/>
        <source>Återställer registret från säkerhetskopian …</source>
        <translation>Restoring the register from the backup …</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="320"/>
        <source>Registret är återställt. Registret som det var sparades först i %1.</source>
        <translation>The register has been restored. The register as it was had first been saved to %1.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="327"/>
        <source>Återställningen gick inte</source>
        <translation>The restore failed</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="369"/>
        <source>Register över regionalt brottsförebyggande nätverksarbete.

Datamapp: %1
Loggfil: %2</source>
        <translation>Register of regional crime prevention work in networks.

Data folder: %1
Log file: %2</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="103"/>
        <location filename="../../src/bra_desktop/ui/app.py" line="68"/>
        <source>Brå-nätverkets register</source>
        <translation>Brå network register</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/main_window.py" line="205"/>
        <source>Kodlistor…</source>
        <translation>Code lists…</translation>
    </message>
</context>
<context>
    <name>MunicipalitiesSection</name>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="45"/>
        <source>Alla kommuner</source>
        <translation>All municipalities</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="46"/>
        <source>Saknar beslutad åtgärdsplan</source>
        <translation>Lacks a decided action plan</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="48"/>
        <source>Saknar klar lägesbild</source>
        <translation>Lacks a finished situation picture</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="50"/>
        <source>Saknar samordningsfunktion</source>
        <translation>Lacks a coordination function</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="52"/>
        <source>Inte uppföljda i år</source>
        <translation>Not followed up this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="53"/>
        <source>Har inte fått stöd i år</source>
        <translation>Got no support this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="162"/>
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="165"/>
        <source>Län</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="169"/>
        <source>Visa</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="179"/>
        <source>Kommunerna</source>
        <translation>The municipalities</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="220"/>
        <source>År:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="220"/>
        <source>Län:</source>
        <translation>County:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="221"/>
        <source>Visa:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="263"/>
        <source>Hela landet</source>
        <translation>Whole country</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="306"/>
        <source>{followed} av {total} kommuner är uppföljda {year}. Beslutad åtgärdsplan: {plan} ({no_plan} saknar). Klar lägesbild: {situation} ({no_situation} saknar). Samordningsfunktion: {coordination} ({no_coordination} saknar). {supported} kommuner har fått stöd i år.</source>
        <translation>{followed} of {total} municipalities are followed up for {year}. Decided action plan: {plan} ({no_plan} lack one). Situation picture done: {situation} ({no_situation} lack one). Coordination function: {coordination} ({no_coordination} lack one). {supported} municipalities got support this year.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="337"/>
        <source>Öppna uppföljningen</source>
        <translation>Open the follow-up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="341"/>
        <source>Stöd i år: {support}</source>
        <translation>Support this year: {support}</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="342"/>
        <source>Inget stöd i år.</source>
        <translation>No support this year.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="345"/>
        <source>Öppna uppföljningen {year}</source>
        <translation>Open the {year} follow-up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="348"/>
        <source>Starta uppföljningen {year}</source>
        <translation>Start the {year} follow-up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="351"/>
        <source>Utgår från den senaste uppföljningen, att bekräfta eller ändra.</source>
        <translation>Starts from the latest follow-up, to confirm or change.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="353"/>
        <source>Kommunens uppföljning görs av länsstyrelsen i dess län.</source>
        <translation>The municipality is followed up by the county administrative board of its county.</translation>
    </message>
</context>
<context>
    <name>MunicipalityTableModel</name>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="67"/>
        <source>Kommun</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="68"/>
        <source>Län</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="69"/>
        <source>Samordningsfunktion</source>
        <translation>Coordination function</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="70"/>
        <source>Lägesbild</source>
        <translation>Situation picture</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="71"/>
        <source>Senaste lägesbild</source>
        <translation>Latest situation picture</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="72"/>
        <source>Åtgärdsplan</source>
        <translation>Action plan</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="73"/>
        <source>Beslutad</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="74"/>
        <source>Gäller till</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="75"/>
        <source>Stöd i år</source>
        <translation>Support this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="76"/>
        <source>Senaste kontakt</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="77"/>
        <source>Nästa uppföljning</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="88"/>
        <source>ej uppföljd</source>
        <translation>not followed up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/municipalities_section.py" line="120"/>
        <source>Stöd i år: {support}</source>
        <translation>Support this year: {support}</translation>
    </message>
</context>
<context>
    <name>NationalOverview</name>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="43"/>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="54"/>
        <source>Länen</source>
        <translation>Counties</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="91"/>
        <source>Inget paket i år</source>
        <translation>No bundle this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="92"/>
        <source>Inget paket under %1</source>
        <translation>No bundle in %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="100"/>
        <source>Alla länsstyrelser har skickat paket %1.</source>
        <translation>Every county administrative board has sent a bundle in %1.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="102"/>
        <source>1 länsstyrelse har inte skickat något paket %1.</source>
        <translation>1 county administrative board has sent no bundle in %1.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="104"/>
        <source>%1 länsstyrelser har inte skickat något paket %2.</source>
        <translation>%1 county administrative boards have sent no bundle in %2.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="106"/>
        <source>Länen (%1)</source>
        <translation>Counties (%1)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="117"/>
        <source>Aktiviteter i år</source>
        <translation>Activities this year</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="117"/>
        <source>Aktiviteter %1</source>
        <translation>Activities %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="119"/>
        <source>Län</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="119"/>
        <source>Senaste paket</source>
        <translation>Last bundle</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="119"/>
        <source>Dagar sedan</source>
        <translation>Days ago</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="120"/>
        <source>Öppna åtaganden</source>
        <translation>Open commitments</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="120"/>
        <source>Försenade åtaganden</source>
        <translation>Overdue commitments</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="120"/>
        <source>Nya problemområden</source>
        <translation>New problem areas</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="121"/>
        <source>Uppföljda kommuner</source>
        <translation>Municipalities followed up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="121"/>
        <source>Samordningsfunktion</source>
        <translation>Coordination function</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="121"/>
        <source>Klar lägesbild</source>
        <translation>Situation picture done</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="122"/>
        <source>Beslutad åtgärdsplan</source>
        <translation>Decided action plan</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="130"/>
        <source>inget</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="142"/>
        <source>Senaste paketet skapades %1 och lästes in %2.</source>
        <translation>The last bundle was made %1 and imported %2.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/national_overview.py" line="172"/>
        <source>%1 av %2</source>
        <translation>%1 of %2</translation>
    </message>
</context>
<context>
    <name>PasteKeyDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="53"/>
        <source>Lägg in en avsändares nyckel</source>
        <translation>Enter a sender&apos;s key</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="58"/>
        <source>Klistra in nyckeln (44 tecken)</source>
        <translation>Paste the key (44 characters)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="64"/>
        <source>Avsändare</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="65"/>
        <source>Nyckel</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="66"/>
        <source>Fingeravtryck</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="73"/>
        <source>Jämför fingeravtrycket nedan med avsändarens (till exempel per telefon) innan du sparar. Från och med nu läses paket från avsändaren bara in om de är signerade med den här nyckeln.</source>
        <translation>Compare the fingerprint below with the sender&apos;s (by phone, for example) before you save. From now on, bundles from the sender are read only if they are signed with this key.</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="38"/>
        <source>Post / fält</source>
        <translation>Record / field</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="39"/>
        <source>I registret</source>
        <translation>In the register</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="40"/>
        <source>I filen</source>
        <translation>In the file</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="41"/>
        <source>Senast utbytt</source>
        <translation>Last exchanged</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="42"/>
        <source>Val</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="43"/>
        <source>Notering</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="91"/>
        <source>Min version</source>
        <translation>My version</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="92"/>
        <source>Filens version</source>
        <translation>The file&apos;s version</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="93"/>
        <source>Att avgöra</source>
        <translation>To decide</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="252"/>
        <source>%1 att avgöra</source>
        <translation>%1 to decide</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="253"/>
        <source>Alla avgjorda</source>
        <translation>All decided</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/plan_model.py" line="262"/>
        <source>Avgjord</source>
        <translation>Decided</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="118"/>
        <source>Läs in filen fast den är ändrad efter signering: ändringar tas bara för registrets egna poster och nya rader</source>
        <translation>Read the file although it was edited after signing: edits are taken for this register&apos;s own records and new rows only</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="139"/>
        <source>Ändringar</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="144"/>
        <source>Behåll min</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="145"/>
        <source>Ta filens</source>
        <translation>Take the file&apos;s</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="146"/>
        <source>Alla: behåll mina</source>
        <translation>All: keep mine</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="147"/>
        <source>Alla: ta filens</source>
        <translation>All: take the file&apos;s</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="149"/>
        <source>Behåll din version av det markerade fältet, eller av hela den markerade posten</source>
        <translation>Keep your version of the selected field, or of the whole selected record</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="150"/>
        <source>Ta filens version av det markerade fältet, eller av hela den markerade posten</source>
        <translation>Take the file&apos;s version of the selected field, or of the whole selected record</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="151"/>
        <source>Behåll din version i alla konflikter</source>
        <translation>Keep your version in every conflict</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="152"/>
        <source>Ta filens version i alla konflikter</source>
        <translation>Take the file&apos;s version in every conflict</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="162"/>
        <source>Markerad rad:</source>
        <translation>Selected row:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="166"/>
        <source>Alla konflikter:</source>
        <translation>All conflicts:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="183"/>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="183"/>
        <source>Flik</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="183"/>
        <source>Rad</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="183"/>
        <source>Kolumn</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="183"/>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="186"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="192"/>
        <source>Spara avvisade rader…</source>
        <translation>Save rejected rows…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="194"/>
        <source>Sparar de avvisade raderna i en Excel-fil med problemet bredvid varje rad, för att rätta och skicka igen</source>
        <translation>Saves the rejected rows in an Excel file with the problem beside each row, to be corrected and sent again</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="205"/>
        <source>Kodlistor</source>
        <translation>Code lists</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="213"/>
        <source>Spara rapport…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="215"/>
        <source>Sparar hela förhandsgranskningen (ändringar, konflikter och problem) i en Excel-fil</source>
        <translation>Saves the whole preview (changes, conflicts and problems) in an Excel file</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="264"/>
        <source>Ändringar (%1)</source>
        <translation>Changes (%1)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="265"/>
        <source>Problem (%1)</source>
        <translation>Problems (%1)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="266"/>
        <source>Kodlistor (%1)</source>
        <translation>Code lists (%1)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="283"/>
        <source>Jag har jämfört nyckelns fingeravtryck %1 med %2 (till exempel per telefon) och litar på avsändaren</source>
        <translation>I have compared the key&apos;s fingerprint %1 with %2 (by phone, say) and trust the sender</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="285"/>
        <source>%1 av %2 poster från %3</source>
        <translation>%1 of %2 records from %3</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="287"/>
        <source>Ja, importen ska ta bort %1</source>
        <translation>Yes, the import shall delete %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="317"/>
        <source>Avvisad rad</source>
        <translation>Rejected row</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="318"/>
        <source>Varning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="371"/>
        <source>Ingen fil är inläst.</source>
        <translation>No file has been read.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="373"/>
        <source>Paketet är redan inläst; det finns inget att importera.</source>
        <translation>The bundle has already been imported; there is nothing to import.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="375"/>
        <source>Ingen rad i filen kunde läsas in. Spara de avvisade raderna, rätta dem och läs in filen igen.</source>
        <translation>No row in the file could be read. Save the rejected rows, correct them and read the file again.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="378"/>
        <source>1 konflikt är inte avgjord.</source>
        <translation>1 conflict has not been decided.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="379"/>
        <source>%1 konflikter är inte avgjorda.</source>
        <translation>%1 conflicts have not been decided.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="380"/>
        <source>Markera en konflikt och välj Behåll min eller Ta filens, eller välj för alla konflikter på en gång.</source>
        <translation>Select a conflict and choose Keep mine or Take the file&apos;s, or choose for all conflicts at once.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="382"/>
        <source>Bekräfta först:</source>
        <translation>Confirm first:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="391"/>
        <source>Excel-filer (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="396"/>
        <source>Spara avvisade rader</source>
        <translation>Save rejected rows</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="402"/>
        <source>Spara rapport</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="412"/>
        <source>Det gick inte att spara: %1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/bundle/preview_page.py" line="414"/>
        <source>Sparat: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../src/bra_desktop/ui/operations.py" line="134"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/operations.py" line="165"/>
        <source>Avbryter…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="33"/>
        <source>Posten finns inte</source>
        <translation>Record not found</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="34"/>
        <source>Posten finns inte längre i registret.</source>
        <translation>The record is no longer in the register.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="53"/>
        <source>Kan inte ta bort</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="54"/>
        <source>{count} av posterna kommer från andra och kan bara tas bort där de skapades.</source>
        <translation>{count} of the records come from others and can only be deleted where they were created.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="60"/>
        <source>Det gick inte</source>
        <translation>That did not work</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="76"/>
        <source>Vill du ta bort {title}?</source>
        <translation>Do you want to delete {title}?</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="79"/>
        <source>Vill du ta bort {count} {kinds}?</source>
        <translation>Do you want to delete {count} {kinds}?</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="82"/>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="86"/>
        <source>Ta bort</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="83"/>
        <source>Posterna markeras som borttagna och följer med som borttagna i nästa paket. Du kan ångra med Ctrl+Z.</source>
        <translation>The records are marked as deleted and go out as deleted in the next bundle. You can undo with Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/actions.py" line="87"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordCommand</name>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="35"/>
        <source>Ny aktivitet</source>
        <translation>New activity</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="36"/>
        <source>Nytt åtagande</source>
        <translation>New commitment</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="37"/>
        <source>Nytt problemområde</source>
        <translation>New problem area</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="38"/>
        <source>Nytt nätverk</source>
        <translation>New network</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="39"/>
        <source>Ny organisation</source>
        <translation>New organisation</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="40"/>
        <source>Ny kommunuppföljning</source>
        <translation>New municipal follow-up</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="41"/>
        <source>Ny redovisning</source>
        <translation>New annual account</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="65"/>
        <source>Ett oväntat fel inträffade: {error}</source>
        <translation>An unexpected error occurred: {error}</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="108"/>
        <source>Det gick inte att göra om {action}: {message}</source>
        <translation>Could not redo {action}: {message}</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="112"/>
        <source>Det gick inte att ångra {action}: {message}</source>
        <translation>Could not undo {action}: {message}</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="178"/>
        <source>Ändra {kind} {title}</source>
        <translation>Edit {kind} {title}</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="217"/>
        <source>Ta bort {kind} {title}</source>
        <translation>Delete {kind} {title}</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/commands.py" line="220"/>
        <source>Ta bort {count} {kinds}</source>
        <translation>Delete {count} {kinds}</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/form.py" line="102"/>
        <source>Personuppgifter</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/form.py" line="107"/>
        <source>Kontaktuppgifterna är personuppgifter. De sparas bara i det här registret och skickas inte med i paket till andra, om du inte väljer det när du skapar paketet.</source>
        <translation>The contact details are personal data. They are kept only in this register and are not sent to others in bundles unless you choose to include them when you create the bundle.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/form.py" line="143"/>
        <source>Måste fyllas i</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="20"/>
        <source>Grunduppgifter</source>
        <translation>Basic details</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="21"/>
        <source>Samordningsfunktion</source>
        <translation>Coordination function</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="22"/>
        <source>Lägesbild och åtgärdsplan</source>
        <translation>Situation picture and action plan</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="23"/>
        <source>Polisen och metoder</source>
        <translation>Police and methods</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="24"/>
        <source>Stöd och anteckningar</source>
        <translation>Support and notes</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="25"/>
        <source>Bedömning och prioriteringar</source>
        <translation>Assessment and priorities</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="26"/>
        <source>Läget i länet</source>
        <translation>The situation in the county</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="27"/>
        <source>Resurser och utveckling</source>
        <translation>Resources and development</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="28"/>
        <source>Beskrivning</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="29"/>
        <source>Kopplingar</source>
        <translation>Links</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/sections.py" line="30"/>
        <source>Kontaktuppgifter</source>
        <translation>Contact details</translation>
    </message>
</context>
<context>
    <name>RecordFormDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="74"/>
        <source>Historik…</source>
        <translation>History…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="81"/>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="84"/>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="86"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="110"/>
        <source>Posten är borttagen och kan inte ändras. Ångra borttagningen för att få tillbaka den.</source>
        <translation>The record has been deleted and cannot be changed. Undo the deletion to get it back.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="113"/>
        <source>Posten kommer från {origin} och kan bara ändras där.</source>
        <translation>The record comes from {origin} and can only be changed there.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="126"/>
        <source>Fält markerade med * måste fyllas i.</source>
        <translation>Fields marked * are required.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="128"/>
        <source>Rätta det som är markerat innan du sparar.</source>
        <translation>Correct what is marked before you save.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="161"/>
        <source>Kasta ändringarna?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/forms/dialog.py" line="162"/>
        <source>Du har ändringar som inte är sparade. Vill du stänga utan att spara?</source>
        <translation>You have unsaved changes. Do you want to close without saving?</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="91"/>
        <source>Sök i %1…</source>
        <translation>Search %1…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="95"/>
        <source>Sök i %1</source>
        <translation>Search %1</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="111"/>
        <source>Visa borttagna</source>
        <translation>Show deleted</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="116"/>
        <source>Sluta visa bara dessa</source>
        <translation>Stop showing only these</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="145"/>
        <source>Ny</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="146"/>
        <source>Redigera</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="147"/>
        <source>Ta bort</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="259"/>
        <source>%1: alla</source>
        <translation>%1: all</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="310"/>
        <source>%1  ✕</source>
        <translation>%1  ✕</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="363"/>
        <source>Inga %1 som passar sökningen och filtren. Töm sökningen (Esc) eller välj ”alla” i filtren.</source>
        <translation>No %1 match the search and the filters. Clear the search (Esc) or choose “all” in the filters.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/record_section.py" line="365"/>
        <source>Inga %1 ännu. Lägg till en med Ny (Ctrl+N), eller läs in ett paket: Arkiv → Importera paket.</source>
        <translation>No %1 yet. Add one with New (Ctrl+N), or read a bundle: File → Import bundles.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="51"/>
        <source>Återställ från säkerhetskopia</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="56"/>
        <source>Välj säkerhetskopian att återställa. Allt i registret ersätts med säkerhetskopians innehåll; registret som det är nu sparas först som en ny säkerhetskopia, så att återställningen kan ångras.</source>
        <translation>Choose the backup to restore. Everything in the register is replaced by the backup&apos;s content; the register as it is now is first saved as a new backup, so the restore can be undone.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="66"/>
        <source>Det finns inga säkerhetskopior ännu.</source>
        <translation>There are no backups yet.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="42"/>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="71"/>
        <source>Återställ</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="34"/>
        <source>Det finns ingen hel säkerhetskopia att återställa. Det skadade registret lämnas orört.</source>
        <translation>There is no intact backup to restore. The damaged register is left untouched.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="38"/>
        <source>Den senaste hela säkerhetskopian är från %1. Vill du återställa registret från den? Det skadade registret sparas bredvid under ett nytt namn.</source>
        <translation>The newest intact backup is from %1. Do you want to restore the register from it? The damaged register is kept beside it under a new name.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="61"/>
        <source>Säkerhetskopior</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="90"/>
        <source>Återställ registret</source>
        <translation>Restore the register</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/restore_dialog.py" line="91"/>
        <source>Ersätta hela registret med säkerhetskopian från %1?</source>
        <translation>Replace the whole register with the backup from %1?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="122"/>
        <source>Inställningar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="126"/>
        <source>Ett nytt språk eller register gäller när du har startat om programmet.</source>
        <translation>A new language or register takes effect when you have restarted the app.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="131"/>
        <source>Ditt namn i ändringsloggen:</source>
        <translation>Your name in the change log:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="132"/>
        <source>Språk:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/settings_dialog.py" line="133"/>
        <source>Register:</source>
        <translation>Register:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="90"/>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="93"/>
        <source>Kortkommandon</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="94"/>
        <source>Vad</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="94"/>
        <source>Tangenter</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="103"/>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="112"/>
        <source>Öppna den markerade posten</source>
        <translation>Open the selected record</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="112"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="113"/>
        <source>Töm sökningen</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="113"/>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="120"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="114"/>
        <source>Från ett sökfält i en lista med kryssrutor till listan</source>
        <translation>From the search of a checklist into the list</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="114"/>
        <source>Pil ned</source>
        <translation>Down arrow</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="115"/>
        <source>Kryssa i eller ur en rad i en lista</source>
        <translation>Tick or untick a row of a list</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="115"/>
        <source>Blanksteg</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="116"/>
        <source>Nästa eller föregående fält i ett formulär</source>
        <translation>Next or previous field of a form</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="116"/>
        <source>Tab, Skift+Tab</source>
        <translation>Tab, Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="117"/>
        <source>Nästa eller föregående flik i ett formulär</source>
        <translation>Next or previous tab of a form</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="117"/>
        <source>Ctrl+Tab, Ctrl+Skift+Tab</source>
        <translation>Ctrl+Tab, Ctrl+Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="118"/>
        <source>Gå till fältet vars etikett har en understruken bokstav</source>
        <translation>Go to the field whose label has an underlined letter</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="118"/>
        <source>Alt+bokstaven</source>
        <translation>Alt+the letter</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="119"/>
        <source>Spara formuläret</source>
        <translation>Save the form</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="119"/>
        <source>Enter på Spara</source>
        <translation>Enter on Save</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/help_dialogs.py" line="120"/>
        <source>Stäng ett formulär eller en dialog</source>
        <translation>Close a form or a dialog</translation>
    </message>
</context>
<context>
    <name>TrustedSendersDialog</name>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="100"/>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="120"/>
        <source>Betrodda avsändare</source>
        <translation>Trusted senders</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="105"/>
        <source>Kopiera nyckeln</source>
        <translation>Copy the key</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="107"/>
        <source>Det här registrets nyckel</source>
        <translation>This register&apos;s key</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="114"/>
        <source>Nyckel</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="115"/>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="118"/>
        <source>Fingeravtryck</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="118"/>
        <source>Avsändare</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="118"/>
        <source>Betrodd sedan</source>
        <translation>Trusted since</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="119"/>
        <source>Av</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="119"/>
        <source>Hur</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="127"/>
        <source>Lägg in nyckel…</source>
        <translation>Enter key…</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="129"/>
        <source>Ta bort</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="142"/>
        <source>Paket läses bara in när de är signerade med den nyckel registret litar på för avsändaren. Har en avsändare fått en ny dator eller ett nytt register: ta bort den gamla nyckeln, så frågar nästa paket om det nya fingeravtrycket, eller lägg in den nya nyckeln här.</source>
        <translation>Bundles are read only when they are signed with the key the register trusts for their sender. If a sender has a new computer or a new register, remove the old key, and the next bundle asks about the new fingerprint; or enter the new key here.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="156"/>
        <source>inlagd för hand</source>
        <translation>entered by hand</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="156"/>
        <source>från första paketet</source>
        <translation>from the first bundle</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="176"/>
        <source>Sluta lita på nyckeln för %1 (fingeravtryck %2)? Nästa paket från %1 läses in först när någon har jämfört dess fingeravtryck.</source>
        <translation>Stop trusting the key for %1 (fingerprint %2)? The next bundle from %1 is read only once someone has compared its fingerprint.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/trust_dialog.py" line="178"/>
        <source>Ta bort nyckeln</source>
        <translation>Remove the key</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../src/bra_desktop/ui/app.py" line="135"/>
        <source>Registret uppgraderas</source>
        <translation>Upgrading the register</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/app.py" line="136"/>
        <source>Registret uppgraderas till den här versionen av programmet. En säkerhetskopia tas först. För ett stort register kan det ta någon minut.</source>
        <translation>The register is being upgraded to this version of the app. A backup is taken first. For a large register this can take a minute.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/app.py" line="153"/>
        <source>Vill du öppna registret på den här datorn den här gången? Under Inställningar kan du byta register.</source>
        <translation>Do you want to open the register on this computer this time? You can change the register under Settings.</translation>
    </message>
    <message>
        <location filename="../../src/bra_desktop/ui/app.py" line="156"/>
        <source>Öppna registret på datorn</source>
        <translation>Open the register on this computer</translation>
    </message>
</context>
</TS>
