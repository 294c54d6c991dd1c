<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="41" />
        <source>Ett oväntat fel inträffade</source>
        <translation>An unexpected error occurred</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="44" />
        <source>Något gick fel: %1</source>
        <translation>Something went wrong: %1</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="47" />
        <source>Inget som redan sparats har gått förlorat: varje ändring sparas i registret för sig när du sparar den. Det du höll på med just nu kan behöva göras om.</source>
        <translation>Nothing already saved has been lost: every change is saved in the register on its own when you save it. What you were doing just now may need to be done again.</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="51" />
        <source>En beskrivning av felet finns i loggfilen %1. Skicka den gärna till den som hjälper dig.</source>
        <translation>A description of the error is in the log file %1. Please send it to whoever helps you.</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="63" />
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="79" />
        <source>Visa detaljer</source>
        <translation>Show details</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="79" />
        <source>Dölj detaljer</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/error_dialog.py" line="84" />
        <source>Det gick inte</source>
        <translation>That did not work</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/first_run.py" line="37" />
        <source>Välkommen till bra-desktop</source>
        <translation>Welcome to bra-desktop</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/first_run.py" line="39" />
        <source>Ange vems register det här är. Ett län äger sina egna aktiviteter, åtaganden och problemområden; Brå äger kodlistorna och de nationella nätverken. Valet kan inte ändras senare.</source>
        <translation>Say whose register this is. A county owns its own activities, commitments and problem areas; Brå owns the code lists and the national networks. The choice cannot be changed later.</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/first_run.py" line="45" />
        <source>Länsstyrelse:</source>
        <translation>County administrative board:</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/first_run.py" line="46" />
        <source>Brå (nationellt register)</source>
        <translation>Brå (national register)</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/first_run.py" line="66" />
        <source>Ditt namn i ändringsloggen:</source>
        <translation>Your name in the change log:</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/first_run.py" line="67" />
        <source>Språk:</source>
        <translation>Language:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="136" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="141" />
        <source>Säkerhetskopiera nu</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="143" />
        <source>Återställ från säkerhetskopia…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="147" />
        <source>Inställningar…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="150" />
        <source>Avsluta</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="154" />
        <source>Ångra</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="156" />
        <source>Gör om</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="158" />
        <source>Ny post</source>
        <translation>New record</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="161" />
        <source>Redigera</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="164" />
        <source>Ta bort</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="167" />
        <source>Sök</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="171" />
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="257" />
        <source>Om bra-desktop</source>
        <translation>About bra-desktop</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="175" />
        <source>&amp;Arkiv</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="181" />
        <source>&amp;Redigera</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="187" />
        <source>&amp;Hjälp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="200" />
        <source>Det gick inte</source>
        <translation>That did not work</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="209" />
        <source>Säkerhetskopia sparad: %1</source>
        <translation>Backup saved: %1</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="241" />
        <source>Registret är återställt. Registret som det var sparades först i %1.</source>
        <translation>The register has been restored. The register as it was was saved first in %1.</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="259" />
        <source>bra-desktop %1</source>
        <translation>bra-desktop %1</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/main_window.py" line="261" />
        <source>Register över regionalt brottsförebyggande nätverksarbete.

Datamapp: %1
Loggfil: %2</source>
        <translation>Register of regional crime-prevention network work.

Data folder: %1
Log file: %2</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/record_section.py" line="78" />
        <source>Sök i %1…</source>
        <translation>Search %1…</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/record_section.py" line="96" />
        <source>Visa borttagna</source>
        <translation>Show deleted</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/record_section.py" line="121" />
        <source>Ny</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/record_section.py" line="122" />
        <source>Redigera</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/record_section.py" line="123" />
        <source>Ta bort</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/record_section.py" line="215" />
        <source>%1: alla</source>
        <translation>%1: all</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/restore_dialog.py" line="22" />
        <source>Återställ från säkerhetskopia</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/restore_dialog.py" line="27" />
        <source>Välj säkerhetskopian att återställa. Allt i registret ersätts med säkerhetskopians innehåll; registret som det är nu sparas först som en ny säkerhetskopia, så att återställningen kan ångras.</source>
        <translation>Choose the backup to restore. Everything in the register is replaced by the backup's content; the register as it is now is first saved as a new backup, so the restore can be undone.</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/restore_dialog.py" line="37" />
        <source>Det finns inga säkerhetskopior ännu.</source>
        <translation>There are no backups yet.</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/restore_dialog.py" line="42" />
        <source>Återställ</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/restore_dialog.py" line="65" />
        <source>Återställ registret</source>
        <translation>Restore the register</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/restore_dialog.py" line="66" />
        <source>Ersätta hela registret med säkerhetskopian från %1?</source>
        <translation>Replace the whole register with the backup from %1?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/settings_dialog.py" line="39" />
        <source>Inställningar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/settings_dialog.py" line="42" />
        <source>Ett nytt språk gäller när du har startat om programmet.</source>
        <translation>A new language takes effect when you have restarted the app.</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/settings_dialog.py" line="49" />
        <source>Ditt namn i ändringsloggen:</source>
        <translation>Your name in the change log:</translation>
    </message>
    <message>
        <location filename="../../../work/main/src/bra_desktop/ui/settings_dialog.py" line="50" />
        <source>Språk:</source>
        <translation>Language:</translation>
    </message>
</context>
</TS>
