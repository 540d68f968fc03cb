/** Steps shared by the tours of every role: the real menus, fields and buttons. */
import { stepUtils } from "@web_tour/tour_utils";

const MODULE = "l10n_cn_hr_skill_certification";

/** Open the Skill Certification app from the home menu, then the menus given (xmlids). */
export function openMenus(...menuXmlids) {
    const steps = [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Skill Certification app",
            trigger: `.o_app[data-menu-xmlid='${MODULE}.menu_skill_cert_root']`,
            run: "click",
        },
    ];
    for (const xmlid of menuXmlids) {
        steps.push({
            content: `Open the menu ${xmlid}`,
            trigger: `[data-menu-xmlid='${MODULE}.${xmlid}']`,
            run: "click",
        });
    }
    return steps;
}

export function fieldSelector(name, scope = "") {
    return `${scope} .o_field_widget[name='${name}']`.trim();
}

/** Type a value into a char, text, number or date field. */
export function edit(name, value, scope = "") {
    return {
        content: `Fill in ${name}`,
        trigger: `${fieldSelector(name, scope)} input, ${fieldSelector(name, scope)} textarea`,
        run: `edit ${value}`,
    };
}

/** Type a date (ISO, as any language's screen accepts it) into a date field: a date
 * field that has a value shows it on a button, which opens the input. */
export function editDate(name, value, scope = "") {
    const field = fieldSelector(name, scope);
    return [
        {
            content: `Open the date of ${name}`,
            trigger: `${field} button.o_input, ${field} input`,
            run: "click",
        },
        { content: `Type the date of ${name}`, trigger: `${field} input`, run: `edit ${value}` },
    ];
}

/** Choose a many2one value by typing part of its name and picking it in the list. */
export function pick(name, search, scope = "") {
    return [
        {
            content: `Search ${search} in ${name}`,
            trigger: `${fieldSelector(name, scope)} input`,
            run: `edit ${search}`,
        },
        {
            content: `Pick ${search}`,
            trigger: `.o-autocomplete--dropdown-item a:contains('${search}')`,
            run: "click",
        },
    ];
}

/** Choose the option at ``index`` (in the field's selection order) of a selection field:
 * the position does not depend on the language of the screen. */
export function select(name, index, scope = "") {
    const field = fieldSelector(name, scope);
    return [
        {
            content: `Open the options of ${name}`,
            trigger: `${field} .o_select_menu_toggler, ${field} .o_select_menu input`,
            run: "click",
        },
        {
            content: `Choose option ${index} of ${name}`,
            trigger: `.o-dropdown--menu [data-choice-index='${index}']`,
            run: "click",
        },
        { content: `${name} is chosen`, trigger: "body:not(:has(.o-dropdown--menu))" },
    ];
}

/** Click the cell ``field`` of line ``number`` of an x2many list, and wait until that
 * line is the one edited. */
export function editCell(x2manyName, number, field) {
    const line = `${fieldSelector(x2manyName)} .o_data_row:nth-child(${number})`;
    return [
        { content: `Edit ${field} of line ${number}`, trigger: `${line} td[name='${field}']`, run: "click" },
        { content: `Line ${number} is being edited`, trigger: `${line}.o_selected_row` },
    ];
}

export function clickButton(name, scope = "") {
    return {
        content: `Click ${name}`,
        trigger: `${scope} button[name='${name}']:enabled`.trim(),
        run: "click",
    };
}

/** A button the current user must not be offered. */
export function noButton(name) {
    return {
        content: `No ${name} button for this role`,
        trigger: `.o_form_view:not(:has(button[name='${name}']))`,
    };
}

/** Add the ``number``-th line of an x2many list, and wait until it is the one edited. */
export function addLine(x2manyName, number) {
    return [
        {
            content: `Add line ${number} to ${x2manyName}`,
            trigger: `${fieldSelector(x2manyName)} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: `Line ${number} of ${x2manyName} is being edited`,
            trigger: `${fieldSelector(x2manyName)} .o_data_row:nth-child(${number}).o_selected_row`,
        },
    ];
}

/** The editable row of an x2many list being edited. */
export function row(x2manyName) {
    return `${fieldSelector(x2manyName)} .o_data_row.o_selected_row`;
}

/** Wait until a many2one of the edited row shows ``text``. */
export function shows(name, text, scope = "") {
    return {
        content: `${name} shows ${text}`,
        trigger: `${fieldSelector(name, scope)} input:value(${text})`,
    };
}

export function save() {
    return stepUtils.saveForm();
}

export function openRecord(text) {
    return {
        content: `Open ${text}`,
        trigger: `.o_data_row .o_data_cell:contains('${text}')`,
        run: "click",
    };
}

export function statusIs(state) {
    return {
        content: `The record is now ${state}`,
        // The statusbar folds the states it has no room for: the current one may be folded.
        trigger: `.o_statusbar_status:visible button.o_arrow_button_current[data-value='${state}']`,
    };
}

export function confirmDialog() {
    return {
        content: "Confirm the dialog",
        trigger: ".modal-footer button.btn-primary",
        run: "click",
    };
}

/** Attach a small file to a many2many_binary field (a proof document, an upload). */
export function attachFile(name, fileName, content, type = "application/pdf") {
    return {
        content: `Attach ${fileName} to ${name}`,
        trigger: `${fieldSelector(name)} input[type='file']:not(:visible)`,
        async run() {
            const file = new File([content], fileName, { type });
            const dataTransfer = new DataTransfer();
            dataTransfer.items.add(file);
            this.anchor.files = dataTransfer.files;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Ask the test for a screenshot of the screen as it is (for the README). */
export function screenshot(name) {
    return {
        content: `Screenshot ${name}`,
        trigger: "body:not(:has(.o_notification_manager .o_notification.bg-danger))",
        async run() {
            await new Promise((resolve) => setTimeout(resolve, 400));
            console.log(`skill-cert-screenshot ${name}`);
            await new Promise((resolve) => setTimeout(resolve, 600));
        },
    };
}
