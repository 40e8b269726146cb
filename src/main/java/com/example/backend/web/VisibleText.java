package com.example.backend.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text shown to other users as a name: at least one visible character, and no control or
 * text-direction characters. A name of zero-width spaces passes {@code @NotBlank} but
 * shows as nothing; a right-to-left override turns "evil" around in every reader's view.
 * Null and blank pass (as with the standard constraints), so that a blank name gets one
 * error, from the {@code @NotBlank} (or pattern) it is combined with.
 */
@Documented
@Constraint(validatedBy = VisibleTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface VisibleText {

	String message() default "must contain a visible character and no control or text-direction characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
